/**
 * Ids for seeded rows, made from a prefix and a number so the same seed gives the same ids and rows can be
 * inserted in bulk without reading anything back: prov_000001, svc_000001_2.
 */
export function seedId(prefix: string, ...parts: (number | string)[]): string {
	return [prefix, ...parts.map((p) => (typeof p === 'number' ? String(p).padStart(6, '0') : p))].join('_')
}

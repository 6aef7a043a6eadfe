/** Distances on the Earth's surface. Pure. */
import type { GeoPoint } from './types.ts'

export const EARTH_RADIUS_KM = 6371.0088

const rad = (deg: number) => (deg * Math.PI) / 180

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
	const dLat = rad(b.lat - a.lat)
	const dLng = rad(b.lng - a.lng)
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** A latitude/longitude box that contains every point within `radiusKm` of `centre` (for an index range scan). */
export function boundingBox(centre: GeoPoint, radiusKm: number) {
	const dLat = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI)
	const cosLat = Math.cos(rad(centre.lat))
	// Near the poles a longitude degree is tiny: take every longitude.
	const dLng = cosLat < 0.01 ? 180 : Math.min(180, dLat / cosLat)
	return { minLat: centre.lat - dLat, maxLat: centre.lat + dLat, minLng: centre.lng - dLng, maxLng: centre.lng + dLng }
}

/** "350 m", "3.2 km", "24 km": rounded as people say it. */
export function formatDistance(km: number): string {
	if (km < 1) return `${Math.max(100, Math.round((km * 1000) / 50) * 50)} m`
	if (km < 10) return `${(Math.round(km * 10) / 10).toFixed(1)} km`
	return `${Math.round(km)} km`
}

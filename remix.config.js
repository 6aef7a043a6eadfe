/** @type {import('@remix-run/dev').AppConfig} */
export default {
	ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
	serverModuleFormat: 'esm',
	postcss: true,
	// Our own modules, imported through package.json "imports" (#app/...), are part of the app: bundle them.
	serverDependenciesToBundle: [/^#app\//, /^#search\//],
	future: {
		v3_fetcherPersist: true,
		v3_relativeSplatPath: true,
		v3_throwAbortReason: true,
		v3_lazyRouteDiscovery: true,
	},
}

/** The demo accounts the seed creates. Shown on the sign-in page in demo mode only, and in the README. */
export const DEMO_PASSWORD = 'demo-password'

export const demoAccounts = [
	{ email: 'holder@demo.test', name: 'Sam Taylor', description: 'Budget holder with a funded account' },
	{ email: 'holder2@demo.test', name: 'Ravi Mistry', description: 'Budget holder in two group activities' },
	{ email: 'holder3@demo.test', name: 'Joan Clarke', description: 'Budget holder in two group activities' },
	{ email: 'holder4@demo.test', name: 'Nia Evans', description: 'New budget holder: told her budget, no plan yet' },
	{ email: 'carer@demo.test', name: 'Grace Okafor', description: 'Carer acting for Margaret Okafor' },
	{ email: 'provider@demo.test', name: 'Amina Shah', description: 'Personal assistant offering services' },
	{ email: 'org@demo.test', name: 'Leicester Centre for Integrated Living', description: 'User-led organisation' },
	{ email: 'broker@demo.test', name: 'Daniel Price', description: 'Broker helping Sam Taylor' },
	{ email: 'funder@demo.test', name: 'Priya Patel', description: 'Staff at Leicester City Council' },
	{ email: 'admin@demo.test', name: 'Alex Morgan', description: 'Administrator' },
] as const

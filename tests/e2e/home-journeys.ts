/**
 * Where each demo account goes by links alone (issue 12), walked by homes.test.ts on a desktop and a phone with
 * axe-core on every desktop page (once for each address), signing out at the end of the desktop walk.
 * foundation.test.ts signs in and out the accounts not walked here, with axe-core on their homes.
 */
/** A click on a link: in the header's main navigation, or in the page's main content. */
export type Step = { link: string; in: 'nav' | 'main'; to: RegExp }

const nav = (link: string, to: RegExp): Step => ({ link, in: 'nav', to })
const main = (link: string, to: RegExp): Step => ({ link, in: 'main', to })

const money = /\/holders\/[^/]+\/money$/
const helperSteps = (person: string): Step[] => [
	nav('Search', /\/search$/),
	nav('Bookings', /\/bookings$/),
	nav('People I help', /\/home$/),
	main(person, /\/holders\/[^/]+$/),
	main(`Money of ${person}`, money),
	nav('People I help', /\/home$/),
	main(`Statement of ${person}`, money),
	nav('Notifications', /\/notifications$/),
	nav('My account', /\/account$/),
]
const providerSteps: Step[] = [
	nav('Money', /\/provider\/money$/),
	nav('Dashboard', /\/provider$/),
	nav('Find support', /\/search$/),
	nav('Dashboard', /\/provider$/),
	main('See your calendar, or add it to your phone', /\/calendar$/),
	nav('My account', /\/account$/),
]

export const journeys: { email: string; home: string; homeLink: string; steps: Step[] }[] = [
	{
		email: 'holder@demo.test',
		home: '/home',
		homeLink: 'Home',
		steps: [
			nav('Search', /\/search$/),
			nav('Bookings', /\/bookings$/),
			nav('Money', money),
			nav('Groups', /\/groups$/),
			nav('Home', /\/home$/),
			main('Your statement', money),
			nav('Home', /\/home$/),
			main('See your budget and plan', /\/holders\/[^/]+$/),
			nav('Notifications', /\/notifications$/),
			nav('My account', /\/account$/),
		],
	},
	{ email: 'carer@demo.test', home: '/home', homeLink: 'People I help', steps: helperSteps('Margaret Okafor') },
	{ email: 'broker@demo.test', home: '/home', homeLink: 'People I help', steps: helperSteps('Sam Taylor') },
	{ email: 'provider@demo.test', home: '/provider', homeLink: 'Dashboard', steps: providerSteps },
	{ email: 'org@demo.test', home: '/provider', homeLink: 'Dashboard', steps: providerSteps },
	{
		email: 'funder@demo.test',
		home: '/funder',
		homeLink: 'Overview',
		steps: [
			nav('Figures', /\/funder\/figures$/),
			nav('Allocate', /\/funder\/allocate$/),
			nav('Problems', /\/funder\/problems$/),
			nav('Moderation', /\/moderation\/reviews$/),
			nav('Overview', /\/funder$/),
			nav('My account', /\/account$/),
		],
	},
	{
		email: 'admin@demo.test',
		home: '/admin',
		homeLink: 'Admin',
		steps: [
			main('Funders and schemes', /\/admin\/funders$/),
			nav('Admin', /\/admin$/),
			main('Payouts to providers', /\/admin\/payouts$/),
			nav('Admin', /\/admin$/),
			main('Emails not sent', /\/admin\/emails$/),
			nav('Moderation', /\/moderation\/reviews$/),
			nav('Admin', /\/admin$/),
			main('Reported reviews', /\/moderation\/reviews$/),
		],
	},
]

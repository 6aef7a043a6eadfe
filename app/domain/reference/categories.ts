/**
 * The kinds of support people can search for, with a plain-English description for the category pages: the range
 * people buy with personal budgets and direct payments, as UK councils' and user-led organisations' directories
 * list it. The words people use for each (synonyms, abbreviations) are in search/synonyms.ts.
 */
export const categories = [
	{
		slug: 'personal-care',
		name: 'Personal care',
		description: 'Help with washing, dressing, eating, taking medicines and getting up or going to bed, at home.',
	},
	{
		slug: 'getting-out',
		name: 'Getting out',
		description:
			'Someone to go with you to the shops, a café, the match, church or a friend’s house, so you can do what you enjoy.',
	},
	{
		slug: 'home-help',
		name: 'Help at home',
		description: 'Cleaning, laundry, shopping, cooking and keeping on top of the post, done the way you like it.',
	},
	{
		slug: 'short-breaks',
		name: 'Short breaks',
		description:
			'A day, an evening or a few nights doing something different, which also gives the people who care for you a rest.',
	},
	{
		slug: 'fitness-and-wellbeing',
		name: 'Fitness and wellbeing',
		description: 'Exercise classes, swimming, walking groups and gym sessions that are welcoming and accessible.',
	},
	{
		slug: 'peer-support',
		name: 'Peer support',
		description: 'Groups and one-to-one support from people who have been through something similar.',
	},
	{
		slug: 'advocacy',
		name: 'Advocacy',
		description: 'Independent help to say what you want, understand your rights and be heard by services.',
	},
	{
		slug: 'learning-and-skills',
		name: 'Learning and skills',
		description: 'Courses and coaching: cooking, money, travel training, computers, getting ready for work.',
	},
	{
		slug: 'transport',
		name: 'Transport',
		description: 'Door-to-door journeys and drivers who can help you in and out of the vehicle.',
	},
	{
		slug: 'respite',
		name: 'Respite',
		description: 'Someone to stay with you for a few hours or overnight so a family carer can take a break.',
	},
	{
		slug: 'brokerage-and-planning',
		name: 'Brokerage and support planning',
		description: 'Help to plan your support, set up a direct payment and find and arrange the right help.',
	},
	{
		slug: 'payroll-and-managed-accounts',
		name: 'Payroll and managed accounts',
		description:
			'Someone to run payroll for your personal assistants or look after your direct payment account for you.',
	},
	{
		slug: 'arts-and-creativity',
		name: 'Arts and creativity',
		description: 'Art, music, drama, crafts and writing groups where everyone can take part.',
	},
	{
		slug: 'mental-health-support',
		name: 'Mental health support',
		description: 'Support for your wellbeing: wellbeing cafés, one-to-one support and help when things feel hard.',
	},
	{
		slug: 'sensory-support',
		name: 'Sensory support',
		description:
			'Support for people who are Deaf, hard of hearing, blind or partially sighted, including BSL and guiding.',
	},
	{
		slug: 'day-opportunities',
		name: 'Day opportunities',
		description: 'Day centres and day services: activities, lunch and company during the day, with staff to help.',
	},
	{
		slug: 'night-support',
		name: 'Night support',
		description: 'Waking nights, sleep-in nights and night sitting, so someone is there if you need help in the night.',
	},
	{
		slug: 'live-in-care',
		name: 'Live-in care',
		description: 'A carer or personal assistant who lives in your home and helps you through the day and night.',
	},
	{
		slug: 'cooking-and-meals',
		name: 'Cooking and meals',
		description: 'Help to plan, shop for and cook meals, or hot meals brought to your door.',
	},
	{
		slug: 'gardening-and-odd-jobs',
		name: 'Gardening and odd jobs',
		description:
			'Mowing, weeding and tidying the garden, and small jobs and repairs around the house by a handyperson.',
	},
	{
		slug: 'befriending',
		name: 'Befriending and company',
		description: 'Someone to chat with, visit you or go out with, so you feel less lonely.',
	},
	{
		slug: 'work-and-volunteering',
		name: 'Work and volunteering',
		description: 'Job coaching, help to find and keep a job, supported employment and volunteering.',
	},
	{
		slug: 'holidays-and-trips',
		name: 'Holidays and trips',
		description: 'Supported holidays, weekends away and day trips, with help from people who know you.',
	},
	{
		slug: 'therapies',
		name: 'Therapies',
		description:
			'Occupational therapy (OT), physiotherapy, massage and counselling, to feel better and do more for yourself.',
	},
	{
		slug: 'equipment-and-adaptations',
		name: 'Equipment and adaptations',
		description:
			'Advice on and fitting of equipment and small changes at home: grab rails, ramps, hoists and mobility aids.',
	},
	{
		slug: 'technology-and-telecare',
		name: 'Technology and telecare',
		description:
			'Personal alarms, sensors and help with phones, tablets and video calls, so you can stay safe and in touch.',
	},
] as const

export type CategorySlug = (typeof categories)[number]['slug']

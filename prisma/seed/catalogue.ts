/**
 * The words the demo data is made of: names, services with UK prices, credentials, bios, reviews and plans.
 * Everything is plain English. Prices are integer pence and follow typical 2026 UK rates: a self-employed PA
 * £13–£20 an hour, a community class £4–£12, support planning by a user-led organisation £150–£600.
 */
import { type CredentialKind, type PriceUnit, type ProviderKind } from '#app/generated/prisma/enums.ts'
import { type AccessibilityFeature } from '#app/domain/reference/accessibility.ts'
import { type CategorySlug } from '#app/domain/reference/categories.ts'

// ───────────────────────────── Names ─────────────────────────────

/** Common first names in the UK across generations (used through faker, as its en_GB person names). */
export const ukFirstNames = {
	female: [
		'Margaret',
		'Susan',
		'Patricia',
		'Christine',
		'Linda',
		'Janet',
		'Karen',
		'Julie',
		'Sarah',
		'Claire',
		'Emma',
		'Rachel',
		'Helen',
		'Nicola',
		'Joanne',
		'Lisa',
		'Gemma',
		'Laura',
		'Rebecca',
		'Hannah',
		'Sophie',
		'Charlotte',
		'Amy',
		'Lucy',
		'Jessica',
		'Chloe',
		'Megan',
		'Ellie',
		'Olivia',
		'Grace',
		'Jean',
		'Sheila',
		'Pauline',
		'Wendy',
		'Dawn',
		'Tracey',
		'Michelle',
		'Donna',
		'Kelly',
		'Natalie',
		'Zoe',
		'Katie',
		'Jade',
		'Danielle',
		'Kirsty',
		'Fiona',
		'Shona',
		'Siobhan',
		'Aoife',
		'Bethan',
	],
	male: [
		'David',
		'John',
		'Michael',
		'Paul',
		'Andrew',
		'Mark',
		'Peter',
		'Stephen',
		'Richard',
		'Robert',
		'James',
		'Christopher',
		'Daniel',
		'Matthew',
		'Thomas',
		'Simon',
		'Gary',
		'Darren',
		'Lee',
		'Craig',
		'Wayne',
		'Neil',
		'Ian',
		'Graham',
		'Kevin',
		'Stuart',
		'Martin',
		'Anthony',
		'Jamie',
		'Ryan',
		'Luke',
		'Adam',
		'Ben',
		'Sam',
		'Joe',
		'Callum',
		'Liam',
		'Connor',
		'Jack',
		'Harry',
		'Oliver',
		'George',
		'Alfie',
		'Kieran',
		'Sean',
		'Ciaran',
		'Ross',
		'Scott',
		'Euan',
		'Rhys',
	],
} as const

export const ukLastNames = [
	'Smith',
	'Jones',
	'Williams',
	'Taylor',
	'Brown',
	'Davies',
	'Evans',
	'Wilson',
	'Thomas',
	'Johnson',
	'Roberts',
	'Robinson',
	'Thompson',
	'Wright',
	'Walker',
	'White',
	'Edwards',
	'Hughes',
	'Green',
	'Hall',
	'Lewis',
	'Harris',
	'Clarke',
	'Patel',
	'Jackson',
	'Wood',
	'Turner',
	'Martin',
	'Cooper',
	'Hill',
	'Ward',
	'Morris',
	'Moore',
	'Clark',
	'Lee',
	'King',
	'Baker',
	'Harrison',
	'Morgan',
	'Allen',
	'James',
	'Scott',
	'Phillips',
	'Watson',
	'Davis',
	'Parker',
	'Price',
	'Bennett',
	'Young',
	'Griffiths',
	'Mitchell',
	'Kelly',
	'Cook',
	'Carter',
	'Richardson',
	'Bailey',
	'Collins',
	'Bell',
	'Shaw',
	'Murphy',
	'Miller',
	'Cox',
	'Richards',
	'Khan',
	'Marshall',
	'Anderson',
	'Simpson',
	'Ellis',
	'Adams',
	'Wilkinson',
	'Foster',
	'Chapman',
	'Powell',
	'Webb',
	'Rogers',
	'Gray',
	'Mason',
	'Ali',
	'Hunt',
	'Hussain',
	'Campbell',
	'Matthews',
	'Owen',
	'Palmer',
	'Holmes',
	'Mills',
	'Barnes',
	'Knight',
	'Lloyd',
	'Butler',
	'Russell',
	'Barker',
	'Fisher',
	'Stevens',
	'Jenkins',
	'Murray',
	'Dixon',
	'Harvey',
	'Graham',
	'Pearson',
	'Ahmed',
	'Fletcher',
	'Walsh',
	'Gibson',
	'Howard',
	'Andrews',
	'Stewart',
	'MacDonald',
	'Reid',
	'Robertson',
	'Fraser',
	"O'Neill",
	'McLaughlin',
	'Mensah',
	'Adeyemi',
	'Francis',
	'Grant',
]

/** Names common among people who also speak a language: used for some providers who speak it. */
export const heritageNames: Readonly<Record<string, { first: readonly string[]; last: readonly string[] }>> = {
	Polish: {
		first: ['Agnieszka', 'Katarzyna', 'Magdalena', 'Joanna', 'Piotr', 'Tomasz', 'Marek', 'Paweł'],
		last: ['Nowak', 'Wójcik', 'Kaczmarek', 'Mazur', 'Krawczyk', 'Zając', 'Król', 'Wieczorek'],
	},
	Urdu: {
		first: ['Amina', 'Farah', 'Nadia', 'Saima', 'Imran', 'Bilal', 'Tariq', 'Zain'],
		last: ['Khan', 'Hussain', 'Shah', 'Ahmed', 'Akhtar', 'Iqbal', 'Mahmood', 'Rashid'],
	},
	Punjabi: {
		first: ['Harpreet', 'Gurpreet', 'Manjit', 'Jaspreet', 'Sukhdev', 'Baljit', 'Amrit', 'Rajinder'],
		last: ['Sandhu', 'Gill', 'Dhillon', 'Bains', 'Sidhu', 'Johal', 'Grewal', 'Virdee'],
	},
	Gujarati: {
		first: ['Priya', 'Nisha', 'Hetal', 'Bhavna', 'Raj', 'Kiran', 'Dipesh', 'Nilesh'],
		last: ['Patel', 'Mistry', 'Parmar', 'Chauhan', 'Solanki', 'Lad', 'Desai', 'Joshi'],
	},
	Bengali: {
		first: ['Rahima', 'Nasrin', 'Shamima', 'Fatema', 'Abdul', 'Shamim', 'Rafiq', 'Jamal'],
		last: ['Uddin', 'Miah', 'Rahman', 'Islam', 'Ali', 'Hoque', 'Choudhury', 'Ahmed'],
	},
	Somali: {
		first: ['Hodan', 'Ayaan', 'Fadumo', 'Sahra', 'Abdi', 'Mohamed', 'Yusuf', 'Hassan'],
		last: ['Abdi', 'Farah', 'Hassan', 'Warsame', 'Ali', 'Omar', 'Jama', 'Nur'],
	},
	Romanian: {
		first: ['Andreea', 'Ioana', 'Elena', 'Mihaela', 'Mihai', 'Florin', 'Andrei', 'Cristian'],
		last: ['Popescu', 'Ionescu', 'Popa', 'Dumitru', 'Stan', 'Stoica', 'Constantin', 'Munteanu'],
	},
	Arabic: {
		first: ['Layla', 'Yasmin', 'Mariam', 'Huda', 'Omar', 'Karim', 'Sami', 'Youssef'],
		last: ['Haddad', 'Mansour', 'Saleh', 'Nasser', 'Khalil', 'Hamdan', 'Aziz', 'Saeed'],
	},
	Welsh: {
		first: ['Ffion', 'Rhian', 'Sioned', 'Cerys', 'Gethin', 'Dafydd', 'Owain', 'Iwan'],
		last: ['Jones', 'Davies', 'Evans', 'Pritchard', 'Rees', 'Llewellyn', 'Parry', 'Morgan'],
	},
	'Scottish Gaelic': {
		first: ['Morag', 'Catriona', 'Eilidh', 'Seonaid', 'Calum', 'Iain', 'Ruairidh', 'Murdo'],
		last: ['MacLeod', 'MacDonald', 'Morrison', 'Macaulay', 'Campbell', 'MacKenzie', 'MacIver', 'Matheson'],
	},
}

// ───────────────────────────── Services ─────────────────────────────

export type ServiceTemplate = {
	categorySlug: CategorySlug
	titles: readonly string[]
	description: string
	unit: PriceUnit
	/** Price range in pence and the step it is rounded to. */
	price: readonly [min: number, max: number, step: number]
	/** Typical length in minutes (for hourly services: a usual visit). */
	durations: readonly number[]
	/** For group sessions: the range of the most people at once. */
	group?: readonly [min: number, max: number]
	/** How often it is chosen, relative to the others for the same kind of provider. */
	weight: number
	/** For community services: names built around this service; {town} and {area} are filled in. */
	names?: readonly string[]
}

export const paServices: readonly ServiceTemplate[] = [
	{
		categorySlug: 'personal-care',
		titles: [
			'Personal care at home',
			'Help getting up and ready in the morning',
			'Personal care and medication prompts',
		],
		description:
			'Help with washing, showering, dressing and taking medicines, at your pace and the way you like things done.',
		unit: 'PER_HOUR',
		price: [1300, 2000, 25],
		durations: [60, 90, 120],
		weight: 10,
	},
	{
		categorySlug: 'getting-out',
		titles: ['Getting out and about', 'Company for trips out', 'Support to get to clubs and appointments'],
		description:
			'I can come with you to the shops, a café, the library, the match or to see friends, on foot or by bus.',
		unit: 'PER_HOUR',
		price: [1300, 1900, 25],
		durations: [120, 180, 240],
		weight: 8,
	},
	{
		categorySlug: 'home-help',
		titles: ['Help around the home', 'Cleaning, laundry and shopping', 'Cooking and keeping the house tidy'],
		description: 'Cleaning, washing and ironing, changing beds, a weekly shop and cooking meals you can heat up later.',
		unit: 'PER_HOUR',
		price: [1250, 1700, 25],
		durations: [60, 120],
		weight: 6,
	},
	{
		categorySlug: 'respite',
		titles: ['Sitting service so your carer can have a break', 'Evening sitting service', 'Daytime sitting service'],
		description: 'I stay with you at home so the person who usually cares for you can go out, rest or sleep.',
		unit: 'PER_HOUR',
		price: [1400, 2000, 25],
		durations: [180, 240],
		weight: 4,
	},
	{
		categorySlug: 'transport',
		titles: ['Driving to appointments', 'Lifts to hospital and GP appointments'],
		description: 'I drive you in my own insured car, help you in and out and wait with you. Mileage is included.',
		unit: 'PER_HOUR',
		price: [1400, 1800, 25],
		durations: [90, 120],
		weight: 3,
	},
	{
		categorySlug: 'fitness-and-wellbeing',
		titles: ['Company at the gym or pool', 'Support to keep active'],
		description: 'I come with you to the gym, the pool or a walk in the park, and help with changing if you need it.',
		unit: 'PER_HOUR',
		price: [1300, 1800, 25],
		durations: [90, 120],
		weight: 2,
	},
	{
		categorySlug: 'learning-and-skills',
		titles: ['Help with cooking and budgeting', 'Travel training', 'Support with college and job hunting'],
		description: 'Step-by-step support to learn something new and get more confident doing it on your own.',
		unit: 'PER_HOUR',
		price: [1400, 1900, 25],
		durations: [60, 120],
		weight: 2,
	},
	{
		categorySlug: 'mental-health-support',
		titles: ['Support with anxiety when going out', 'Wellbeing support at home'],
		description: 'Calm, patient support on days that feel hard, and help to build up to the things you want to do.',
		unit: 'PER_HOUR',
		price: [1400, 2000, 25],
		durations: [60, 120],
		weight: 2,
	},
	{
		categorySlug: 'sensory-support',
		titles: ['Guiding and reading support', 'Communication support in BSL'],
		description: 'Sighted guiding, reading post and forms aloud, or BSL support at appointments and out and about.',
		unit: 'PER_HOUR',
		price: [1500, 2000, 25],
		durations: [60, 120],
		weight: 1,
	},
	{
		categorySlug: 'night-support',
		titles: ['Waking night support', 'Sleep-in nights', 'Night sitting service'],
		description: 'I stay the night, awake or sleeping in, so you are safe and there is help if you need it.',
		unit: 'PER_HOUR',
		price: [1400, 2000, 25],
		durations: [480, 600],
		weight: 2,
	},
	{
		categorySlug: 'live-in-care',
		titles: ['Live-in support', 'Live-in personal assistant'],
		description:
			'I live in your home for a week or more at a time and help with whatever you need, day and night. Priced per hour of active support.',
		unit: 'PER_HOUR',
		price: [1300, 1700, 25],
		durations: [480, 720],
		weight: 1,
	},
	{
		categorySlug: 'cooking-and-meals',
		titles: ['Cooking and meal preparation', 'Help to cook healthy meals', 'Batch cooking for the week'],
		description: 'We plan meals together, do the shopping and cook, or I cook a week of meals you can heat up.',
		unit: 'PER_HOUR',
		price: [1250, 1700, 25],
		durations: [90, 120],
		weight: 2,
	},
	{
		categorySlug: 'gardening-and-odd-jobs',
		titles: ['Gardening and odd jobs', 'Help in the garden'],
		description: 'Mowing, weeding, planting and tidying the garden, and small jobs around the house.',
		unit: 'PER_HOUR',
		price: [1300, 1800, 25],
		durations: [120, 180],
		weight: 1,
	},
	{
		categorySlug: 'befriending',
		titles: ['Befriending and company at home', 'Someone to chat and go out with'],
		description: 'A cup of tea and a chat, a game of cards or a walk: regular company so the week feels less lonely.',
		unit: 'PER_HOUR',
		price: [1250, 1600, 25],
		durations: [60, 120],
		weight: 2,
	},
	{
		categorySlug: 'work-and-volunteering',
		titles: ['Support at work', 'Job coaching'],
		description:
			'Help to find a job or volunteering you will enjoy, to learn the tasks and to settle in with your team.',
		unit: 'PER_HOUR',
		price: [1500, 2000, 25],
		durations: [120, 240],
		weight: 1,
	},
	{
		categorySlug: 'holidays-and-trips',
		titles: ['Support on holiday', 'Company for days out and trips'],
		description: 'I come with you on a day trip or a holiday and help with travel, personal care and getting about.',
		unit: 'PER_HOUR',
		price: [1400, 2000, 25],
		durations: [360, 480],
		weight: 1,
	},
	{
		categorySlug: 'technology-and-telecare',
		titles: ['Help with phones, tablets and video calls'],
		description: 'Patient help to set up and use a phone, tablet, smart speaker or video calls with family.',
		unit: 'PER_HOUR',
		price: [1300, 1700, 25],
		durations: [60],
		weight: 1,
	},
]

export const uloServices: readonly ServiceTemplate[] = [
	{
		categorySlug: 'brokerage-and-planning',
		titles: ['Support planning', 'Person-centred support planning'],
		description:
			'We meet you (at home or with us), talk about what matters to you and write your support plan with you, ready to share with your council.',
		unit: 'FIXED',
		price: [25000, 60000, 500],
		durations: [180, 240, 360],
		weight: 10,
	},
	{
		categorySlug: 'brokerage-and-planning',
		titles: ['Help to set up your direct payment', 'Brokerage: finding and arranging your support'],
		description: 'We help you set up your direct payment, find personal assistants or services, and arrange it all.',
		unit: 'FIXED',
		price: [15000, 40000, 500],
		durations: [120, 180],
		weight: 8,
	},
	{
		categorySlug: 'payroll-and-managed-accounts',
		titles: ['Payroll for PA employers (a year)', 'Managed account (a year)'],
		description:
			'We run payslips, tax, National Insurance and pensions for your personal assistants, or look after your direct payment account for you.',
		unit: 'FIXED',
		price: [18000, 42000, 1000],
		durations: [60],
		weight: 5,
	},
	{
		categorySlug: 'peer-support',
		titles: ['Peer support group', 'Monthly peer support meet-up', 'Employing a PA: peer support group'],
		description:
			'A friendly group run by disabled people for disabled people. Share what works, ask questions and meet others.',
		unit: 'PER_SESSION',
		price: [300, 800, 50],
		durations: [90, 120],
		group: [8, 16],
		weight: 8,
	},
	{
		categorySlug: 'advocacy',
		titles: ['Independent advocacy', 'Care Act advocacy'],
		description:
			'An advocate helps you say what you want at assessments, reviews and meetings, and makes sure you are listened to.',
		unit: 'PER_HOUR',
		price: [2500, 4000, 100],
		durations: [60, 120],
		weight: 5,
	},
	{
		categorySlug: 'learning-and-skills',
		titles: ['Being a good employer: training for PA employers', 'Understanding your direct payment'],
		description:
			'A half-day course on recruiting, contracts, rotas and being a good employer, with time for questions.',
		unit: 'PER_SESSION',
		price: [2500, 6000, 500],
		durations: [180],
		group: [6, 12],
		weight: 3,
	},
	{
		categorySlug: 'mental-health-support',
		titles: ['Peer mentoring'],
		description: 'Six weekly one-to-one sessions with a trained peer mentor who has lived experience.',
		unit: 'PER_SESSION',
		price: [1500, 3000, 250],
		durations: [60],
		weight: 2,
	},
	{
		categorySlug: 'work-and-volunteering',
		titles: ['Supported employment', 'Job club for disabled people'],
		description: 'A job coach helps you find work or volunteering that suits you, and stays in touch once you start.',
		unit: 'PER_SESSION',
		price: [1500, 3500, 250],
		durations: [60, 120],
		weight: 2,
	},
	{
		categorySlug: 'equipment-and-adaptations',
		titles: ['Equipment and adaptations advice', 'Try-before-you-buy equipment session'],
		description:
			'An adviser with lived experience helps you choose equipment and small adaptations, and apply for funding.',
		unit: 'PER_SESSION',
		price: [2000, 4500, 250],
		durations: [60, 90],
		weight: 1,
	},
]

export const communityServices: readonly ServiceTemplate[] = [
	{
		categorySlug: 'fitness-and-wellbeing',
		titles: ['Seated exercise class', 'Chair yoga', 'Gentle exercise for all abilities'],
		description: 'A friendly class you can do sitting down, to keep moving and feel stronger. No experience needed.',
		unit: 'PER_SESSION',
		price: [400, 800, 50],
		durations: [45, 60],
		group: [10, 20],
		weight: 8,
		names: ['{town} Seated Exercise Club', 'Move More {town}', '{area} Chair Yoga', '{town} Active Together'],
	},
	{
		categorySlug: 'fitness-and-wellbeing',
		titles: ['Accessible swimming session', 'Hydrotherapy pool session'],
		description: 'A quiet swim with a hoist, warm water and changing help on hand.',
		unit: 'PER_SESSION',
		price: [400, 900, 50],
		durations: [60],
		group: [6, 12],
		weight: 4,
		names: ['{town} Accessible Swim Club', '{area} Splash Sessions'],
	},
	{
		categorySlug: 'arts-and-creativity',
		titles: ['Inclusive art class', 'Pottery for all', 'Community choir', 'Drama group'],
		description: 'Make, sing or perform with others. Everyone can take part and all materials are provided.',
		unit: 'PER_SESSION',
		price: [500, 1200, 50],
		durations: [90, 120],
		group: [8, 15],
		weight: 6,
		names: [
			'{town} Inclusive Arts Studio',
			'{area} Creative Space',
			'{town} All Voices Choir',
			'{area} Open Door Arts',
		],
	},
	{
		categorySlug: 'getting-out',
		titles: ['Accessible walking group', 'Social club', 'Friday lunch club'],
		description: 'Meet people, get out of the house and enjoy a cup of tea together. Routes and venues are step-free.',
		unit: 'PER_SESSION',
		price: [400, 1000, 50],
		durations: [120, 180],
		group: [10, 25],
		weight: 6,
		names: ['{area} Friendship Club', '{town} Accessible Walks', '{area} Lunch Club', '{town} Good Company Club'],
	},
	{
		categorySlug: 'short-breaks',
		titles: ['Short break day session', 'Saturday short break club', 'Evening short break'],
		description:
			'A full day of activities with support staff, so you can try new things and your family can have a rest.',
		unit: 'PER_SESSION',
		price: [4500, 9500, 500],
		durations: [300, 360],
		group: [4, 10],
		weight: 5,
		names: ['{town} Short Breaks', '{area} Day Breaks', '{town} Weekend Club'],
	},
	{
		categorySlug: 'respite',
		titles: ['Day opportunities', 'Respite day centre session'],
		description: 'A day with us doing activities you choose, with lunch, personal care and support from trained staff.',
		unit: 'PER_SESSION',
		price: [3500, 6500, 500],
		durations: [360],
		group: [6, 15],
		weight: 3,
		names: ['{area} Day Centre', '{town} Day Opportunities'],
	},
	{
		categorySlug: 'transport',
		titles: ['Door-to-door community transport', 'Dial-a-ride'],
		description: 'Wheelchair-accessible minibuses with trained drivers who help you in and out. Book a day ahead.',
		unit: 'PER_SESSION',
		price: [400, 1200, 50],
		durations: [60],
		weight: 3,
		names: ['{town} Community Transport', '{area} Dial-a-Ride'],
	},
	{
		categorySlug: 'mental-health-support',
		titles: ['Wellbeing café', 'Drop-in wellbeing group'],
		description: 'A relaxed drop-in with tea, people to talk to and quiet space if you need it.',
		unit: 'PER_SESSION',
		price: [400, 600, 50],
		durations: [120],
		group: [10, 20],
		weight: 3,
		names: ['{town} Wellbeing Café', '{area} Mind Matters Café'],
	},
	{
		categorySlug: 'learning-and-skills',
		titles: ['Cooking skills course', 'Computer and phone help', 'Money skills course'],
		description: 'Small, hands-on sessions where you learn at your own pace with patient tutors.',
		unit: 'PER_SESSION',
		price: [600, 1200, 50],
		durations: [90, 120],
		group: [6, 10],
		weight: 3,
		names: ['{town} Life Skills Hub', '{area} Learning Kitchen'],
	},
	{
		categorySlug: 'sensory-support',
		titles: ['Sensory room session', 'Deaf social club', 'Audio-described walks'],
		description: 'Sessions designed for people with sensory needs: calm lighting, BSL or audio description.',
		unit: 'PER_SESSION',
		price: [600, 1200, 50],
		durations: [60, 90],
		group: [4, 12],
		weight: 2,
		names: ['{town} Sensory Space', '{area} Deaf Social Club'],
	},
	{
		categorySlug: 'peer-support',
		titles: ['Memory café', 'Carers and cuppa group'],
		description: 'A warm welcome for people living with dementia and those who care for them, with music and a chat.',
		unit: 'PER_SESSION',
		price: [300, 500, 50],
		durations: [120],
		group: [10, 25],
		weight: 2,
		names: ['{town} Memory Café', '{area} Carers Cuppa'],
	},
	{
		categorySlug: 'day-opportunities',
		titles: ['Day centre session', 'Day opportunities for adults with learning disabilities', 'Day service with lunch'],
		description: 'A day of activities you choose, from cooking to music, with lunch, personal care and trained staff.',
		unit: 'PER_SESSION',
		price: [3500, 7000, 500],
		durations: [300, 360],
		group: [8, 20],
		weight: 4,
		names: ['{area} Day Centre', '{town} Day Opportunities', '{area} Day Service'],
	},
	{
		categorySlug: 'befriending',
		titles: ['Befriending service', 'Telephone befriending'],
		description: 'A trained volunteer visits or rings every week for a chat, and can come out with you.',
		unit: 'PER_SESSION',
		price: [400, 1200, 50],
		durations: [60],
		weight: 2,
		names: ['{town} Befriending Service', '{area} Good Neighbours'],
	},
	{
		categorySlug: 'cooking-and-meals',
		titles: ['Hot meals delivered', 'Community lunch'],
		description:
			'A hot two-course meal brought to your door or shared at our lunch table, with halal and vegetarian choices.',
		unit: 'PER_SESSION',
		price: [450, 900, 50],
		durations: [60],
		weight: 2,
		names: ['{town} Community Meals', '{area} Lunch Table'],
	},
	{
		categorySlug: 'gardening-and-odd-jobs',
		titles: ['Garden tidy-up visit', 'Handyperson visit'],
		description:
			'A small team mows, weeds and tidies, or a handyperson does small jobs and repairs, fits grab rails and changes bulbs.',
		unit: 'PER_SESSION',
		price: [2000, 4500, 250],
		durations: [120],
		weight: 2,
		names: ['{town} Garden Helpers', '{town} Handyperson Service'],
	},
	{
		categorySlug: 'therapies',
		titles: [
			'Physiotherapy session',
			'Occupational therapy assessment',
			'Massage and aromatherapy',
			'Counselling session',
		],
		description: 'A qualified, registered therapist works with you on what matters to you, at home or in our clinic.',
		unit: 'PER_SESSION',
		price: [3500, 7000, 250],
		durations: [45, 60],
		weight: 3,
		names: ['{town} Therapy Centre', '{area} Wellbeing Clinic', '{town} Community Physio'],
	},
	{
		categorySlug: 'holidays-and-trips',
		titles: ['Supported holiday (a week)', 'Accessible day trip'],
		description:
			'Accessible holidays and day trips with support staff, step-free transport and everything booked for you.',
		unit: 'PER_SESSION',
		price: [4500, 9500, 500],
		durations: [480],
		group: [4, 12],
		weight: 2,
		names: ['{town} Accessible Holidays', '{area} Day Trips Club'],
	},
	{
		categorySlug: 'technology-and-telecare',
		titles: ['Personal alarm and telecare (a month)', 'Technology help drop-in'],
		description:
			'A personal alarm with a 24-hour response team, sensors at home, and friendly help with phones and tablets.',
		unit: 'PER_SESSION',
		price: [600, 2500, 50],
		durations: [60],
		weight: 2,
		names: ['{town} Telecare', '{area} Tech Help Hub'],
	},
	{
		categorySlug: 'equipment-and-adaptations',
		titles: ['Equipment loan', 'Home adaptations assessment'],
		description:
			'Borrow equipment such as a hoist, shower chair or mobility aids, or have your home assessed for adaptations.',
		unit: 'PER_SESSION',
		price: [1500, 4500, 250],
		durations: [60, 90],
		weight: 1,
		names: ['{town} Equipment Library', '{area} Independent Living Centre'],
	},
]

export const servicesByKind: Readonly<Record<ProviderKind, readonly ServiceTemplate[]>> = {
	PERSONAL_ASSISTANT: paServices,
	USER_LED_ORGANISATION: uloServices,
	COMMUNITY_SERVICE: communityServices,
}

/** Neighbourhoods people would recognise, for community service names; the town's name when none is listed. */
export const neighbourhoods: Readonly<Record<string, readonly string[]>> = {
	Leicester: ['Highfields', 'Belgrave', 'Braunstone', 'Aylestone', 'Clarendon Park', 'Evington'],
	Nottingham: ['Sneinton', 'Hyson Green', 'Beeston', 'West Bridgford', 'Clifton'],
	Derby: ['Normanton', 'Allestree', 'Chaddesden', 'Littleover'],
	Sheffield: ['Sharrow', 'Hillsborough', 'Walkley', 'Darnall', 'Heeley'],
	Leeds: ['Chapeltown', 'Headingley', 'Armley', 'Beeston', 'Harehills'],
	Manchester: ['Moss Side', 'Longsight', 'Chorlton', 'Ancoats', 'Wythenshawe'],
	Birmingham: ['Sparkbrook', 'Handsworth', 'Kings Heath', 'Erdington', 'Small Heath', 'Selly Oak'],
	Bristol: ['Easton', 'St Pauls', 'Bedminster', 'Southmead', 'Knowle'],
	Glasgow: ['Govanhill', 'Partick', 'Dennistoun', 'Maryhill', 'Shawlands'],
	Edinburgh: ['Leith', 'Gorgie', 'Portobello', 'Morningside'],
	Cardiff: ['Grangetown', 'Splott', 'Roath', 'Canton', 'Ely'],
	Belfast: ['Ormeau', 'Falls', 'Shankill', 'Ballyhackamore'],
	Liverpool: ['Toxteth', 'Anfield', 'Everton', 'Wavertree'],
	'Newcastle upon Tyne': ['Byker', 'Heaton', 'Benwell', 'Jesmond'],
	Hackney: ['Dalston', 'Homerton', 'Clapton', 'Stoke Newington'],
	'Tower Hamlets': ['Whitechapel', 'Bow', 'Poplar', 'Stepney'],
}

// ───────────────────────────── Organisations ─────────────────────────────

/** User-led organisation names: {town} is filled in. Some suit a particular community. */
export const uloNames: readonly {
	pattern: string
	focus?: 'deaf' | 'mental-health' | 'learning-disability' | 'sight'
}[] = [
	{ pattern: '{town} Centre for Integrated Living' },
	{ pattern: '{town} Centre for Independent Living' },
	{ pattern: "{town} Disabled People's Forum" },
	{ pattern: '{town} Independent Living Network' },
	{ pattern: '{town} Disability Alliance' },
	{ pattern: "{town} Disabled People's Collective" },
	{ pattern: '{town} Deaf Peer Network', focus: 'deaf' },
	{ pattern: '{town} Deaf Community Hub', focus: 'deaf' },
	{ pattern: '{town} Mental Health Peer Collective', focus: 'mental-health' },
	{ pattern: '{town} Survivors Network', focus: 'mental-health' },
	{ pattern: '{town} Self-Advocacy Group', focus: 'learning-disability' },
	{ pattern: '{town} Speaking Up Together', focus: 'learning-disability' },
	{ pattern: '{town} Blind and Partially Sighted Network', focus: 'sight' },
]

// ───────────────────────────── Words for profiles ─────────────────────────────

/** How each category is said in a sentence: "I can help with personal care and getting out". */
export const categoryPhrases: Readonly<Record<CategorySlug, string>> = {
	'personal-care': 'personal care',
	'getting-out': 'getting out and about',
	'home-help': 'jobs around the home',
	'short-breaks': 'short breaks',
	'fitness-and-wellbeing': 'keeping active',
	'peer-support': 'peer support',
	advocacy: 'advocacy',
	'learning-and-skills': 'learning new skills',
	transport: 'getting to appointments',
	respite: 'giving carers a break',
	'brokerage-and-planning': 'support planning and brokerage',
	'payroll-and-managed-accounts': 'payroll and managed accounts',
	'arts-and-creativity': 'arts and crafts',
	'mental-health-support': 'mental health support',
	'sensory-support': 'sensory support',
	'day-opportunities': 'day opportunities',
	'night-support': 'night support',
	'live-in-care': 'live-in care',
	'cooking-and-meals': 'cooking and meals',
	'gardening-and-odd-jobs': 'gardening and odd jobs',
	befriending: 'befriending and company',
	'work-and-volunteering': 'work and volunteering',
	'holidays-and-trips': 'holidays and trips',
	therapies: 'therapies',
	'equipment-and-adaptations': 'equipment and adaptations',
	'technology-and-telecare': 'technology and telecare',
}

export const paAdjectives = [
	'Friendly',
	'Experienced',
	'Reliable',
	'Patient',
	'Calm',
	'Cheerful',
	'Caring',
	'Flexible',
] as const

export const paExperience = [
	'mostly with older people',
	'with people who have learning disabilities',
	'with autistic adults',
	'with people living with dementia',
	'with people who have had a stroke',
	'with wheelchair users',
	'with people who have MS or Parkinson’s',
	'with young disabled adults',
	'in a care home and then for private employers',
	'as a carer for my own mum before I did it as a job',
] as const

export const paExtras = [
	'I drive and have my own car with business insurance.',
	'I don’t drive, but I know the buses well.',
	'I am happy to work with pets in the home.',
	'I am trained in moving and handling and can use a hoist.',
	'I can cook halal and vegetarian meals.',
	'I can support with PEG feeding and catheter care.',
	'I am a non-smoker.',
	'I can cover some weekends and bank holidays.',
] as const

export const paInterests = [
	'gardening',
	'football',
	'baking',
	'crosswords',
	'walking',
	'music',
	'films',
	'knitting',
	'the theatre',
	'swimming',
	'cooking',
	'reading',
	'board games',
	'fishing',
	'art',
	'cricket',
	'dancing',
	'local history',
] as const

export const accessibilityByKind: Readonly<Record<ProviderKind, readonly (readonly [AccessibilityFeature, number])[]>> =
	{
		PERSONAL_ASSISTANT: [
			['easy-read', 0.1],
			['large-print', 0.05],
		],
		USER_LED_ORGANISATION: [
			['wheelchair-accessible', 0.9],
			['step-free', 0.85],
			['accessible-toilet', 0.85],
			['hearing-loop', 0.6],
			['easy-read', 0.8],
			['large-print', 0.6],
			['quiet-space', 0.5],
		],
		COMMUNITY_SERVICE: [
			['wheelchair-accessible', 0.75],
			['step-free', 0.7],
			['accessible-toilet', 0.7],
			['hearing-loop', 0.4],
			['easy-read', 0.35],
			['large-print', 0.3],
			['quiet-space', 0.4],
		],
	}

// ───────────────────────────── Credentials ─────────────────────────────

export type CredentialTemplate = { kind: CredentialKind; title: string; issuer: string; validYears: number | null }

export const firstAidCourses: readonly CredentialTemplate[] = [
	{ kind: 'FIRST_AID', title: 'Emergency first aid at work', issuer: 'St John Ambulance', validYears: 3 },
	{ kind: 'FIRST_AID', title: 'First aid at work', issuer: 'British Red Cross', validYears: 3 },
	{ kind: 'FIRST_AID', title: 'Emergency first aid at work', issuer: 'St Andrew’s First Aid', validYears: 3 },
]

export const paTraining: readonly CredentialTemplate[] = [
	{ kind: 'TRAINING', title: 'Moving and handling people', issuer: 'Local authority training team', validYears: 1 },
	{
		kind: 'TRAINING',
		title: 'Safeguarding adults (level 2)',
		issuer: 'Local safeguarding adults board',
		validYears: 3,
	},
	{ kind: 'TRAINING', title: 'Medication awareness', issuer: 'Local authority training team', validYears: 2 },
	{ kind: 'TRAINING', title: 'Dementia awareness', issuer: 'Alzheimer’s Society Dementia Friends', validYears: null },
	{
		kind: 'TRAINING',
		title: 'Learning disability and autism awareness',
		issuer: 'NHS e-learning for health',
		validYears: 3,
	},
	{ kind: 'TRAINING', title: 'Food hygiene (level 2)', issuer: 'Highfield Qualifications', validYears: 3 },
]

/** The induction qualification care workers hold in each nation. */
export const careInduction: Readonly<
	Record<'England' | 'Wales' | 'Scotland' | 'Northern Ireland', CredentialTemplate>
> = {
	England: { kind: 'TRAINING', title: 'Care Certificate', issuer: 'Skills for Care', validYears: null },
	Wales: {
		kind: 'TRAINING',
		title: 'All Wales Induction Framework for Health and Social Care',
		issuer: 'Social Care Wales',
		validYears: null,
	},
	Scotland: {
		kind: 'TRAINING',
		title: 'SVQ Social Services and Healthcare (SCQF level 6)',
		issuer: 'Scottish Qualifications Authority',
		validYears: null,
	},
	'Northern Ireland': {
		kind: 'TRAINING',
		title: 'NISCC Induction Standards',
		issuer: 'Northern Ireland Social Care Council',
		validYears: null,
	},
}

/** The criminal record check in each nation. */
export const backgroundChecks: Readonly<
	Record<'England' | 'Wales' | 'Scotland' | 'Northern Ireland', { title: string; issuer: string }>
> = {
	England: { title: 'Enhanced DBS check (adults’ barred list)', issuer: 'Disclosure and Barring Service' },
	Wales: { title: 'Enhanced DBS check (adults’ barred list)', issuer: 'Disclosure and Barring Service' },
	Scotland: { title: 'PVG scheme membership (adults)', issuer: 'Disclosure Scotland' },
	'Northern Ireland': { title: 'Enhanced AccessNI check', issuer: 'AccessNI' },
}

export const insurancePolicies = {
	pa: {
		kind: 'INSURANCE',
		title: 'Public liability insurance (£5 million)',
		issuer: 'Self-employed carers’ insurance scheme',
		validYears: 1,
	},
	organisation: {
		kind: 'INSURANCE',
		title: 'Public and employer’s liability insurance (£10 million)',
		issuer: 'Voluntary sector insurance scheme',
		validYears: 1,
	},
} as const satisfies Record<string, CredentialTemplate>

// ───────────────────────────── Reviews ─────────────────────────────

type ReviewBodies = Readonly<Record<1 | 2 | 3 | 4 | 5, readonly string[]>>

/**
 * Review bodies by rating, for a personal assistant (`pa`, where {name} is their first name) and for an
 * organisation or group (`org`). {activity} is what the booking was for, as in categoryPhrases.
 */
export const reviewBodies: { pa: ReviewBodies; org: ReviewBodies } = {
	pa: {
		5: [
			'{name} is brilliant. Always on time, never rushes me and has a good sense of humour.',
			'I look forward to every visit. {name} listens to how I like things done and remembers.',
			'Really kind and patient. Having help with {activity} has made a big difference to my week.',
			'Could not ask for better. My daughter says I am much happier since {name} started.',
			'Reliable and friendly. Nothing is too much trouble and I feel safe.',
			'Excellent. {name} explains everything and treats me as an adult, not a patient.',
		],
		4: [
			'Very good. Once or twice running a bit late, but {name} always lets me know.',
			'Friendly and helpful with {activity}. I would recommend {name}.',
			'Good support. It took a couple of visits to get used to each other, but it works well now.',
			'Does what we agreed and does it well. Happy to keep booking.',
		],
		3: [
			'OK overall. Good with {activity}, but the times have changed a few times at short notice.',
			'Fine, but I would like a bit more time to chat rather than rushing off.',
		],
		2: [
			'Arrived late more than once and did not let me know. The help itself was fine.',
			'I felt hurried, and some of what we agreed did not get done.',
		],
		1: [
			'Did not turn up for one visit and I had to ring round for help. I will not book again.',
			'I did not feel listened to. I have found someone else.',
		],
	},
	org: {
		5: [
			'Made me feel welcome from the first day. I have made new friends here.',
			'Brilliant for {activity}. The staff know everyone by name and nobody is left out.',
			'Really well run and fully accessible. I can get in and out without any fuss.',
			'I was nervous about {activity} but they explained everything and went at my pace.',
			'Friendly, patient and organised. The best part of my week.',
		],
		4: [
			'Very good. It can get busy, but the staff always make time for you.',
			'Helpful with {activity} and easy to book. Parking nearby can be hard.',
			'Good sessions and lovely people. Starting on time would make it even better.',
		],
		3: [
			'OK. Some sessions were great, others felt a bit disorganised.',
			'Fine for {activity}, but the room was noisy and hard to hear in.',
		],
		2: [
			'The session was cancelled at short notice twice. When it runs, it is fine.',
			'Not what I expected from the description, and I did not feel very welcome.',
		],
		1: [
			'Nobody was there when I arrived and no one rang me. I will not go back.',
			'The venue was not accessible as promised: I could not get in with my wheelchair.',
		],
	},
}

export const providerReplies = {
	good: [
		'Thank you, that means a lot. See you next week!',
		'Thank you for taking the time to write this. It is a pleasure.',
		'Thank you! We are so glad you enjoy coming.',
	],
	bad: [
		'I am sorry this happened. I have changed how I plan my travel so I arrive on time, and I will always ring if I am delayed.',
		'Thank you for telling us. We have spoken as a team about how we welcome new people and are making changes.',
	],
} as const

export const removedReasons = [
	'Removed because it named another person who uses the service.',
	'Removed because it included someone’s phone number.',
	'Removed because it was about a different provider.',
] as const

// ───────────────────────────── Plans ─────────────────────────────

export const planLineTemplates: readonly {
	name: string
	categorySlug: CategorySlug
	pence: readonly [number, number]
	weight: number
}[] = [
	{ name: 'Personal care', categorySlug: 'personal-care', pence: [400_000, 1_400_000], weight: 10 },
	{ name: 'Getting out', categorySlug: 'getting-out', pence: [80_000, 240_000], weight: 8 },
	{ name: 'Short breaks', categorySlug: 'short-breaks', pence: [60_000, 180_000], weight: 6 },
	{ name: 'Help at home', categorySlug: 'home-help', pence: [100_000, 300_000], weight: 5 },
	{ name: 'Respite for my carer', categorySlug: 'respite', pence: [100_000, 300_000], weight: 4 },
	{ name: 'Keeping active', categorySlug: 'fitness-and-wellbeing', pence: [20_000, 60_000], weight: 3 },
	{ name: 'Transport', categorySlug: 'transport', pence: [30_000, 90_000], weight: 3 },
	{ name: 'Learning and skills', categorySlug: 'learning-and-skills', pence: [30_000, 120_000], weight: 2 },
	{ name: 'Day opportunities', categorySlug: 'day-opportunities', pence: [150_000, 600_000], weight: 3 },
	{ name: 'Night support', categorySlug: 'night-support', pence: [200_000, 800_000], weight: 1 },
	{ name: 'Company and befriending', categorySlug: 'befriending', pence: [20_000, 80_000], weight: 1 },
	{ name: 'Work and volunteering', categorySlug: 'work-and-volunteering', pence: [30_000, 120_000], weight: 1 },
	{ name: 'Therapies', categorySlug: 'therapies', pence: [20_000, 90_000], weight: 1 },
]

export const planOutcomes = [
	'Stay living in my own home.',
	'Get out of the house at least three times a week.',
	'Choose who helps me with personal care, and when.',
	'Give my husband a proper break one weekend a month.',
	'Give my daughter time for her own family.',
	'Get back to swimming.',
	'See my friends at the club every Friday.',
	'Cook my own meals again.',
	'Feel less lonely.',
	'Go to church on Sundays.',
	'Keep my allotment going.',
	'Get to college two days a week.',
	'Manage my money with less worry.',
	'Sleep better because I am not worried about mornings.',
] as const

export const planReviewNotes = {
	worked: [
		'Having the same PA every morning. Mornings are calmer and I am ready on time.',
		'The Friday club. I have made friends and look forward to it.',
		'The short breaks have given the family a real rest.',
		'Being able to choose times that suit me rather than the agency.',
	],
	change: [
		'More hours at weekends, when there is no one else around.',
		'Move some of the short breaks money to getting out, which I use more.',
		'Find a PA who can drive, so I can get to the coast.',
		'Nothing for now: keep it as it is.',
	],
} as const

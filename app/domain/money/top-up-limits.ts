/** Smallest and largest card top-up, in minor units: 1.00 to 5,000.00. Pure, for the form and the server. */
export const TOP_UP_LIMITS = { min: 100, max: 500_000 }

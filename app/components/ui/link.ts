/** The one look of a text link across the site: brand colour, underlined. */
export const linkClass = 'text-brand-700 underline'

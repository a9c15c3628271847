/** Up to this many customers in scope get a line each on the Trends score chart; more need choosing one. */
export const MAX_CHARTED_CUSTOMERS = 8;

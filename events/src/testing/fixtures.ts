/**
 * Fixed, readable ids and times for specs. UUIDv7-shaped so they pass the envelope schemas; the
 * last block is a counter so a failing assertion says which id it was.
 */
export const id = (n: number): string => `0193a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

export const ORG = id(0x0a);
export const BRAND = id(0x0b);
export const STORE = id(0x5a);
export const OTHER_STORE = id(0x5b);
export const REGISTER = id(0x7e);
export const CASHIER = id(0xca);

/** 24 November 2026, lunch in Kolkata. */
export const AT = '2026-11-24T13:05:00+05:30';
export const LATER = '2026-11-24T15:40:00+05:30';

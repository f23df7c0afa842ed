/**
 * An Indian phone number as E.164 (`+91` and ten digits), from the ways people write one:
 * `98765 43210`, `098765-43210`, `+91 98765 43210`, `919876543210`. Returns null when it is not
 * one (a national number never starts with 0 or 1 once the trunk prefix is gone). Pure, so the
 * server and an offline register normalise a typed number the same way before looking it up.
 */
export const normaliseIndianPhone = (input: string): string | null => {
  if (!/^[+\d\s().-]{10,20}$/.test(input)) return null;
  const digits = input.replace(/[\s().-]/g, '');
  const national = /^\+91(\d{10})$/.exec(digits)?.[1] ?? /^(?:91|0)?(\d{10})$/.exec(digits)?.[1];
  if (national === undefined || !/^[2-9]/.test(national)) return null;
  return `+91${national}`;
};

/** Two names a person would take for one: compared without case or surrounding spaces. */
export const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

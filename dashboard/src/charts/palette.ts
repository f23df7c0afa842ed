/** Chart colours: distinct in hue and lightness, readable on white and by most colour-blind readers. */
export const PALETTE = ['#1f6f8b', '#e0a100', '#99bf3b', '#c2452d', '#6a4c93', '#2a9d8f', '#8d6e63'];

export const colourAt = (index: number): string => PALETTE[index % PALETTE.length] as string;

/** 850 → `850 ms`, 4_200 → `4.2 s`, 185_000 → `3 min 5 s`, 7_380_000 → `2 h 3 min`, as `possier status` prints them. */
export const duration = (ms: number): string => {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  const seconds = Math.round(ms / 1_000);
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)} h ${Math.floor((seconds % 3_600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} d ${Math.floor((seconds % 86_400) / 3_600)} h`;
};

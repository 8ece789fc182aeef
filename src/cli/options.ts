import { InvalidArgumentError } from 'commander';

/** Commander argument parsers that reject bad numbers with a message naming the flag. */
export function intOption(flag: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`${flag} takes a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}.`);
    return n;
  };
}

export function numberOption(flag: string, min: number, max = Number.MAX_VALUE) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} takes a number from ${min}${max < Number.MAX_VALUE ? ` to ${max}` : ''}.`);
    }
    return n;
  };
}

import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './origin.js';

describe('isAllowedOrigin', () => {
  it('allows the same host and exactly the configured origins', () => {
    expect(isAllowedOrigin(undefined, 'beside.example', [])).toBe(true);
    expect(isAllowedOrigin('https://beside.example', 'beside.example', [])).toBe(true);
    expect(isAllowedOrigin('https://app.beside.example', 'api.beside.example', ['https://app.beside.example'])).toBe(true);
  });
  it('refuses other sites, look-alikes and odd schemes', () => {
    expect(isAllowedOrigin('https://evil.example', 'beside.example', [])).toBe(false);
    expect(isAllowedOrigin('https://beside.example.evil.example', 'beside.example', [])).toBe(false);
    expect(isAllowedOrigin('https://app.beside.example.evil', 'x', ['https://app.beside.example'])).toBe(false);
    expect(isAllowedOrigin('null', 'beside.example', [])).toBe(false);
    expect(isAllowedOrigin('file://beside.example', 'beside.example', [])).toBe(false);
  });
});

import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { I18nProvider, useI18n, type Lang } from '.';

const formatters = (lang: Lang) =>
  renderHook(() => useI18n(), { wrapper: ({ children }: { children: ReactNode }) => <I18nProvider lang={lang}>{children}</I18nProvider> })
    .result.current;

describe('formatters', () => {
  it('write numbers the way the language does', () => {
    expect(formatters('cs').formatNumber(18.5)).toBe('18,5');
    expect(formatters('en').formatNumber(18.5)).toBe('18.5');
    expect(formatters('cs').formatNumber(1250)).toBe('1\u00a0250');
    expect(formatters('cs').formatNumber(null)).toBe('');
  });
  it('show money exactly: hellers when there are any, never rounded to crowns', () => {
    expect(formatters('cs').formatMoney('850000.50')).toBe('850\u00a0000,50\u00a0Kč');
    expect(formatters('cs').formatMoney('850000.00')).toBe('850\u00a0000\u00a0Kč');
    expect(formatters('cs').formatMoney('1240000')).toBe('1\u00a0240\u00a0000\u00a0Kč');
    expect(formatters('en').formatMoney('0.05')).toBe('CZK\u00a00.05');
    expect(formatters('cs').formatMoney(null)).toBe('');
  });
  it('read instants in Prague time, whatever the browser zone', () => {
    // 22:30 UTC on 31 March 2026 is already 1 April in Prague (summer time).
    expect(formatters('cs').formatDate('2026-03-31T22:30:00Z')).toBe('1. dubna 2026');
    expect(formatters('en').formatDate('2026-03-31T22:30:00Z')).toBe('1 April 2026');
  });
});

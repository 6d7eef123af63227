import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useCopy } from './useCopy';

const withClipboard = (writeText: (text: string) => Promise<void>) =>
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });

describe('useCopy', () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('copies and says so', async () => {
    const writeText = vi.fn(async () => {});
    withClipboard(writeText);
    const fallback = vi.fn();
    const { result } = renderHook(() => useCopy());
    await act(() => result.current.copy('webcal://example.cz/a.ics', fallback));
    expect(writeText).toHaveBeenCalledWith('webcal://example.cz/a.ics');
    expect(fallback).not.toHaveBeenCalled();
    expect(result.current.result).toBe('copied');
    act(() => result.current.reset());
    expect(result.current.result).toBeNull();
  });

  it('falls back (e.g. selects the text) when the clipboard refuses or is missing', async () => {
    withClipboard(async () => Promise.reject(new Error('denied')));
    const fallback = vi.fn();
    const { result } = renderHook(() => useCopy());
    await act(() => result.current.copy('x', fallback));
    expect(fallback).toHaveBeenCalledOnce();
    expect(result.current.result).toBe('failed');

    Reflect.deleteProperty(navigator, 'clipboard');
    await act(() => result.current.copy('x', fallback));
    expect(fallback).toHaveBeenCalledTimes(2);
  });
});

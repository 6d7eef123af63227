import { afterEach, describe, expect, it, vi } from 'vitest';
import { deliverFile, fileSlug } from './download';

describe('deliverFile', () => {
  afterEach(() => vi.useRealTimers());

  function spyLinks() {
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    // jsdom has no object URLs.
    URL.createObjectURL = vi.fn(() => 'blob:file');
    URL.revokeObjectURL = vi.fn();
    return clicked;
  }

  it('saves a file under its name and releases it at once', () => {
    const clicked = spyLinks();
    deliverFile(new Blob(['a;b']), { save: 'vyporadani.csv' });
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('vyporadani.csv');
    expect(clicked[0]!.target).toBe('');
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:file');
  });

  it('opens a document in a new tab and keeps it until the tab had time to load it', () => {
    vi.useFakeTimers();
    const clicked = spyLinks();
    deliverFile(new Blob(['<html>']), 'tab');
    expect(clicked[0]!.target).toBe('_blank');
    expect(clicked[0]!.rel).toBe('noopener');
    expect(clicked[0]!.hasAttribute('download')).toBe(false);
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:file');
  });
});

describe('fileSlug', () => {
  it('names a file after a title as the API does', () => {
    expect(fileSlug('6. komunitní plán sociálních služeb města Ostravy')).toBe('6-komunitni-plan-socialnich-sluzeb-mesta-ostravy');
    expect(fileSlug('„“')).toBe('dokument');
    expect(fileSlug('6. komunitní plán sociálních služeb a souvisejících aktivit ve městě Ostrava na období let 2023–2026')).toBe(
      '6-komunitni-plan-socialnich-sluzeb-a-souvisejicich-aktivit-ve-meste-ostrava-na',
    );
    expect(fileSlug('á'.repeat(200))).toHaveLength(80);
  });
});

// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { PageRoom } from '../../src/content/page-room';

describe('the room the page makes for the open panel', () => {
  it('is made once for the same layout, however often the panel reports it', () => {
    document.body.innerHTML = '<header style="position: fixed; top: 0; left: 0; right: 0">Bar</header>';
    const room = new PageRoom(document, () => undefined);
    const walks = vi.spyOn(document, 'createTreeWalker');
    room.reserve('right', 320);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('320px');
    expect(walks).toHaveBeenCalledTimes(1);
    // The panel reports its layout again as it starts and on every resize of its own.
    room.reserve('right', 320);
    room.reserve('right', 320.4);
    expect(walks).toHaveBeenCalledTimes(1);
    // Another room is made anew.
    room.reserve('left', 320);
    expect(document.documentElement.style.getPropertyValue('margin-left')).toBe('320px');
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    expect(walks).toHaveBeenCalledTimes(2);
    room.release();
    expect(document.documentElement.getAttribute('style')).toBeNull();
  });
});

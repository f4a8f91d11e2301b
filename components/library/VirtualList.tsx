import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Every row is this tall (px): the list lays out only the rows in view. */
  rowHeight: number;
  getKey(item: T): string;
  renderRow(item: T, index: number): ComponentChildren;
  /** Rows drawn above and below the visible ones, so fast scrolling shows no gaps. */
  overscan?: number;
  label: string;
}

/** A list that renders only the rows in view: 10,000 items cost as much as 30. */
export default function VirtualList<T>({
  items,
  rowHeight,
  getKey,
  renderRow,
  overscan = 8,
  label,
}: VirtualListProps<T>) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(800);
  const frameRef = useRef(0);

  useEffect(() => {
    const element = viewportRef.current;
    if (!element) return;
    setHeight(element.clientHeight || 800);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 800));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A new list (another search or filter) starts at the top.
  useEffect(() => {
    if (viewportRef.current) viewportRef.current.scrollTop = 0;
    setScrollTop(0);
  }, [items]);

  const onScroll = () => {
    if (frameRef.current) return;
    frameRef.current = requestAnimationFrame(() => {
      frameRef.current = 0;
      setScrollTop(viewportRef.current?.scrollTop ?? 0);
    });
  };

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows = [];
  for (let i = first; i < last; i++) {
    const item = items[i];
    if (item === undefined) continue;
    rows.push(
      <div
        key={getKey(item)}
        class="virtual-row"
        role="listitem"
        style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}
      >
        {renderRow(item, i)}
      </div>,
    );
  }
  return (
    <div class="virtual-list" ref={viewportRef} onScroll={onScroll}>
      <div
        class="virtual-canvas"
        role="list"
        aria-label={label}
        style={{ height: `${items.length * rowHeight}px` }}
      >
        {rows}
      </div>
    </div>
  );
}

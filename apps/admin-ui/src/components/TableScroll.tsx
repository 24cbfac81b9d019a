import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A table that may be wider than a phone scrolls inside its own box, so the page itself never scrolls
 * sideways. Only while it overflows is the box a Tab stop (keyboard users can then scroll it with the
 * arrow keys); a table that fits adds no stop.
 */
export function TableScroll({
  children,
  minWidth,
}: {
  children: ReactNode;
  /** Below this width (px) the table scrolls rather than squeezes its columns. */ minWidth?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} className="table-scroll" tabIndex={overflows ? 0 : undefined}>
      {minWidth ? <div style={{ minWidth }}>{children}</div> : children}
    </div>
  );
}

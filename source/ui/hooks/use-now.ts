// The app's one timer: a 1 s tick so the header clock and the "refreshed 3s ago" ages move.
import { useEffect, useState } from 'react';

/** Re-renders the caller every second and returns the clock's reading for this render. */
export function useNow(now: () => number): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 1000);
    // The tick must not keep the process alive on its own after the app is done.
    timer.unref();
    return () => clearInterval(timer);
  }, []);
  // Read on every render (not only on ticks) so a store update never shows an age a second stale.
  return now();
}

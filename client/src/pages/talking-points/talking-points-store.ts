import type { TalkingPoint, TalkingPointInput } from '@call-assist/shared';
import { create } from 'zustand';
import { createTalkingPoint, deleteTalkingPoint, listTalkingPoints, updateTalkingPoint } from '../../api/talking-points';

interface TalkingPointsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: unknown;
  items: TalkingPoint[];
  load(): Promise<void>;
  /** Creates (`id` null) or replaces a talking point; throws the API error for the form to show. */
  save(id: string | null, input: TalkingPointInput): Promise<TalkingPoint>;
  remove(id: string): Promise<void>;
}

export const useTalkingPoints = create<TalkingPointsState>()((set, get) => ({
  status: 'idle',
  error: undefined,
  items: [],
  async load() {
    // A reload keeps showing the list it has; only the first load shows a loading state.
    if (get().status !== 'ready') set({ status: 'loading', error: undefined });
    try {
      set({ items: await listTalkingPoints(), status: 'ready', error: undefined });
    } catch (error) {
      set({ status: 'error', error });
    }
  },
  async save(id, input) {
    const saved = id ? await updateTalkingPoint(id, input) : await createTalkingPoint(input);
    set((state) => ({
      items: id ? state.items.map((item) => (item.id === id ? saved : item)) : [...state.items, saved],
    }));
    return saved;
  },
  async remove(id) {
    await deleteTalkingPoint(id);
    set((state) => ({ items: state.items.filter((item) => item.id !== id) }));
  },
}));

/** The body of a PUT that changes nothing but what is given. */
export function toInput(point: TalkingPoint, changes: Partial<TalkingPointInput> = {}): TalkingPointInput {
  const { title, body, phrases, speaker, cooldownMs, priority, enabled } = point;
  return { title, body, phrases, speaker, cooldownMs, priority, enabled, ...changes };
}

/** Matches the search box against title, body and phrases, case-insensitively. */
export function matchesSearch(point: TalkingPoint, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return [point.title, point.body, ...point.phrases].some((text) => text.toLowerCase().includes(needle));
}

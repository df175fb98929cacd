import { create } from 'zustand';
import { errorMessage } from '../api/http';

export type ToastKind = 'error' | 'success' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

interface ToastState {
  toasts: Toast[];
  show(kind: ToastKind, message: string): void;
  dismiss(id: number): void;
}

/** How long a toast stays; errors stay longer since they usually need reading. */
const TOAST_LIFETIME_MS: Record<ToastKind, number> = { error: 10_000, success: 4_000, info: 6_000 };
/** Older toasts give way: a burst of failures must not cover the page. */
const MAX_TOASTS = 3;
let nextId = 1;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show(kind, message) {
    const id = nextId++;
    // The same message twice in a row (e.g. a retried request) is shown once.
    if (get().toasts.some((toast) => toast.message === message && toast.kind === kind)) return;
    // A confirmation replaces the previous one: a run of saves must not stack up over the page.
    const kept = kind === 'success' ? get().toasts.filter((toast) => toast.kind !== 'success') : get().toasts;
    set({ toasts: [...kept, { id, kind, message }].slice(-MAX_TOASTS) });
    setTimeout(() => get().dismiss(id), TOAST_LIFETIME_MS[kind]);
  },
  dismiss(id) {
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },
}));

/** Shows a failed action as an error toast: "<what failed>: <why>". */
export function toastError(what: string, error: unknown): void {
  useToasts.getState().show('error', `${what}: ${errorMessage(error)}`);
}

export const toastSuccess = (message: string) => useToasts.getState().show('success', message);

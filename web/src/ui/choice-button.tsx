import type { ReactNode } from 'react';

/**
 * One of a card's mutually exclusive actions (approve / reject, converted / not interested):
 * while any of them runs, all are disabled and the running one says so.
 */
export function ChoiceButton<Choice extends string>(props: {
  choice: Choice;
  /** The choice being carried out, if any. */
  busy: Choice | null;
  onChoose: (choice: Choice) => void;
  className?: string;
  busyLabel: ReactNode;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={props.className ?? 'button'}
      disabled={props.busy !== null}
      onClick={() => props.onChoose(props.choice)}
    >
      {props.busy === props.choice ? props.busyLabel : props.children}
    </button>
  );
}

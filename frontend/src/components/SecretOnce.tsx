//! A secret shown once (a new API key, a webhook's signing secret): focus moves to it so it is
//! read out and not missed, with a copy button (selecting it for a manual copy where there is no
//! clipboard) and a button to say it has been kept.
import { useEffect, useRef } from 'react';
import { useCopy } from '../lib/useCopy';
import { CopyStatus } from './CopyStatus';

interface Props {
  secret: string;
  title: string;
  /** Why it is shown only now. */
  once: string;
  copyLabel: string;
  doneLabel: string;
  copied: string;
  copyFailed: string;
  testId: string;
  onDone: () => void;
}

export function SecretOnce({ secret, title, once, copyLabel, doneLabel, copied, copyFailed, testId, onDone }: Props) {
  const copy = useCopy();
  const { reset } = copy;
  const heading = useRef<HTMLHeadingElement>(null);
  const code = useRef<HTMLElement>(null);
  // A new secret starts afresh, with the focus on it.
  useEffect(() => {
    heading.current?.focus();
    reset();
  }, [secret, reset]);
  return (
    <>
      <section className="notice notice-success" aria-labelledby="secret-heading">
        <h2 id="secret-heading" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <p>{once}</p>
        <p>
          <code className="secret" data-testid={testId} ref={code}>
            {secret}
          </code>
        </p>
        <div className="actions">
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => void copy.copy(secret, () => code.current && window.getSelection()?.selectAllChildren(code.current))}
          >
            {copyLabel}
          </button>
          <button type="button" className="btn btn-secondary btn-small" onClick={onDone}>
            {doneLabel}
          </button>
        </div>
      </section>
      <CopyStatus result={copy.result} copied={copied} failed={copyFailed} />
    </>
  );
}

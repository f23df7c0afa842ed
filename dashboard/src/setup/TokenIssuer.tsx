import { IssuedToken, type OrgView } from '@possier/events';
import { useState } from 'react';
import type { LedgerApi } from '../api/ledger-api';
import { ActionNote } from './ActionNote';
import { useAction } from './use-action';

type Subject = { kind: 'register'; registerId: string } | { kind: 'user'; userId: string };

/**
 * Issues a token for a register (to pair a till) or a user, and shows it once, to copy: the ledger
 * keeps no copy, so a lost token is replaced by issuing another. Withdrawn by deactivating its
 * register or user.
 */
export const TokenIssuer = ({
  api,
  org,
  subject,
  name,
}: {
  api: LedgerApi;
  org: OrgView;
  subject: Subject;
  name: string;
}) => {
  const [action, run] = useAction();
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const id = subject.kind === 'register' ? subject.registerId : subject.userId;
  const issue = () =>
    run(async () => {
      const answer = IssuedToken.parse(await api.command('issueToken', { orgId: org.orgId, subject }));
      setIssued(answer);
      return `Token for ${name} issued; valid until ${new Date(answer.expiresAt).toLocaleString()}. Copy it now: it is not shown again.`;
    });
  return (
    <span className="token-issuer">
      <button type="button" className="small" onClick={issue} data-testid={`issue-token-${id}`}>
        Issue token
      </button>
      <ActionNote action={action} testId={`token-note-${id}`} />
      {issued && (
        <textarea
          readOnly
          className="token"
          rows={3}
          value={issued.token}
          aria-label={`Token for ${name}`}
          data-testid={`token-${id}`}
          onFocus={(event) => event.currentTarget.select()}
          onBlur={() => setIssued(null)}
        />
      )}
    </span>
  );
};

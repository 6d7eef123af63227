//! Shown instead of a plan's or goal's form once the plan is approved: its texts are frozen.
import { Link } from 'react-router';
import { useT } from '../../../i18n';
import type { PlanStatus } from '../api/plans';

export function PlanFrozen({ status, back }: { status: PlanStatus; back: string }) {
  const t = useT();
  return (
    <>
      <div className="notice notice-warning">
        <p>{t('plan.frozen', { status: t(`planStatus.${status}`) })}</p>
      </div>
      <p>
        <Link to={back}>{t('common.back')}</Link>
      </p>
    </>
  );
}

import { useI18n } from '../../../i18n';
import type { Plan } from '../../plans/api/plans';

/** The consultation notice: open with its deadline, or closed. */
export function ConsultationBanner({ plan }: { plan: Plan }) {
  const { t, formatDateTime } = useI18n();
  if (plan.status !== 'consultation') return null;
  const open = plan.consultation_open;
  return (
    <section className={`banner ${open ? 'banner-open' : 'banner-closed'}`} aria-labelledby="consultation-banner">
      <h2 id="consultation-banner">{open ? t('consultation.openTitle') : t('consultation.closedTitle')}</h2>
      {plan.consultation_closes_at && (
        <p>
          <strong>
            {t(open ? 'consultation.deadline' : 'consultation.closedOn', {
              date: formatDateTime(plan.consultation_closes_at),
            })}
          </strong>
        </p>
      )}
      {open && (
        <p>
          {t('consultation.howTo')} <a href="#comment-form">{t('consultation.goToForm')}</a>
        </p>
      )}
    </section>
  );
}

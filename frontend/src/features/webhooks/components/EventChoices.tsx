//! The events a webhook is told of, as checkboxes under one legend, each named in words with its
//! API name beside it (integrators read the latter).
import { CheckboxField, Fieldset } from '../../../components/Field';
import { useT } from '../../../i18n';
import { EVENT_TYPES, type EventType } from '../api/webhooks';

export function EventChoices({ value, onChange, errors }: { value: EventType[]; onChange: (events: EventType[]) => void; errors?: string[] }) {
  const t = useT();
  return (
    <Fieldset legend={t('webhooks.events')} hint={t('webhooks.eventsHint')} errors={errors}>
      {EVENT_TYPES.map((event) => (
        <CheckboxField
          key={event}
          label={`${t(`webhookEvent.${event}`)} (${event})`}
          checked={value.includes(event)}
          onChange={(on) => onChange(on ? EVENT_TYPES.filter((e) => e === event || value.includes(e)) : value.filter((e) => e !== event))}
        />
      ))}
    </Fieldset>
  );
}

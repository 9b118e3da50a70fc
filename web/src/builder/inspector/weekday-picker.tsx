import { useI18n } from '../../i18n/index.ts';

const names = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
} as const;

/** ISO weekdays (1 = Monday) as toggle buttons. */
export function WeekdayPicker({
  value,
  onChange,
}: {
  value: readonly number[];
  onChange: (days: number[]) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <fieldset className="weekdays" aria-label={t('forms.weekdays')}>
      {names[locale].map((name, index) => {
        const day = index + 1;
        const on = value.includes(day);
        return (
          <button
            key={name}
            type="button"
            className={on ? 'button small active' : 'button small'}
            aria-pressed={on}
            onClick={() => onChange(on ? value.filter((d) => d !== day) : [...value, day].sort())}
          >
            {name}
          </button>
        );
      })}
    </fieldset>
  );
}

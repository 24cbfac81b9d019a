import { useTranslation } from 'react-i18next';
import type { Schema } from '../api/openapi';
import { humanize } from '../i18n';

/**
 * Label and help of a form field, in the user's language. A command may give a field its own words
 * (`commandField.<Command>.<name>`, e.g. MoveIn's `on` is the moving-in day) before the shared ones
 * (`field.<name>`); help works the same way under `help.`. The API's own description is English, so it
 * is shown only to English readers, and only where no translated help exists.
 */
export function useFieldText(context: string | undefined) {
  const { t, i18n } = useTranslation();
  const keys = (ns: string, name: string) => (context ? [`${ns}.${context}.${name}`, `${ns}.${name}`] : [`${ns}.${name}`]);
  return {
    label: (name: string) => t(context ? [`commandField.${context}.${name}`, `field.${name}`] : `field.${name}`, { defaultValue: humanize(name) }),
    help(name: string, schema: Schema): string | undefined {
      const key = keys('help', name).find((k) => i18n.exists(k));
      if (key) return t(key);
      return i18n.language === 'en' ? schema.description : undefined;
    },
    option: (value: string) => t(`enum.${value}`, { defaultValue: humanize(value) }),
  };
}

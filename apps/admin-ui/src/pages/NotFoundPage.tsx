import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/Layout';

export function NotFoundPage() {
  const { t } = useTranslation();
  return <PageTitle>{t('app.notFound')}</PageTitle>;
}

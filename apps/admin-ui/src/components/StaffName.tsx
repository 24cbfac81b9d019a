import { useTranslation } from 'react-i18next';

/**
 * Who acted, as an auditor reads it: the display name and the role ("Kari Nordmann, saksbehandler").
 * A user the server could not name (the system, or an account it does not know) shows the role and the
 * start of the id, so two such actors can still be told apart.
 */
export function StaffName({ name, role, id }: { name: string | null | undefined; role: string | null | undefined; id?: string | null }) {
  const { t } = useTranslation();
  const roleText = role ? t(`role.${role}`, { defaultValue: role }) : null;
  if (name) return <>{roleText ? t('staff.nameAndRole', { name, role: roleText }) : name}</>;
  return (
    <>
      {roleText ?? '—'} {id && <code>{id.slice(0, 8)}</code>}
    </>
  );
}

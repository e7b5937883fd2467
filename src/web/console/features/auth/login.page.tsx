import { Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { FormErrorAlert, useFormErrors } from '../../common/form-errors.js';
import { changeLanguage, isLanguage, storedLanguage } from '../../../ui/i18n/i18n.js';
import { LanguageSwitch } from '../../shell/language-switch.js';
import { safeReturnPath } from './session-guard.js';
import { homePathFor, useLogin, useSession } from './session.queries.js';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const { data: session } = useSession();
  const login = useLogin();
  const errors = useFormErrors();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (session) return <Navigate to={safeReturnPath(location.state) ?? homePathFor(session)} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const ok = errors.validate({
      email: !email.trim() && t('common.required'),
      password: !password && t('common.required'),
    });
    if (!ok) return;
    errors.reset();
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: (signedIn) => {
          // The account's language applies until the user picks one in this browser.
          const locale = signedIn.user.locale;
          if (!storedLanguage() && isLanguage(locale) && locale !== i18n.language) {
            void changeLanguage(locale, { remember: false });
          }
        },
        onError: (error) => errors.setFailure(error),
      },
    );
  };

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={420} component="main">
        <Stack gap="xs" mb="lg">
          <Title order={1} size="h2">
            {t('common.appName')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('auth.subtitle')}
          </Text>
        </Stack>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.fieldError('email')}
            />
            <PasswordInput
              label={t('auth.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.fieldError('password')}
            />
            <FormErrorAlert failure={errors.failure} />
            <Button type="submit" loading={login.isPending} fullWidth>
              {t('auth.submit')}
            </Button>
          </Stack>
        </form>
        <Center mt="lg">
          <LanguageSwitch />
        </Center>
      </Paper>
    </Center>
  );
}


//! Every route, each page split into its own chunk with React.lazy.
import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout } from './Layout';
// Not lazy: it must show when loading a chunk is what failed.
import { RouteErrorPage } from '../components/RouteErrorPage';

const page = <T extends Record<string, unknown>>(load: () => Promise<T>, name: keyof T) =>
  lazy(async () => ({ default: (await load())[name] as React.ComponentType }));

const HomePage = page(() => import('../features/plans/routes/HomePage'), 'HomePage');
const PlanPage = page(() => import('../features/plan-page/routes/PlanPage'), 'PlanPage');
const PlanChangesPage = page(() => import('../features/versions/routes/PlanChangesPage'), 'PlanChangesPage');
const ReportPage = page(() => import('../features/reports/routes/ReportPage'), 'ReportPage');
const PlanFormPage = page(() => import('../features/plans/routes/PlanFormPage'), 'PlanFormPage');
const SuccessorFormPage = page(() => import('../features/plans/routes/SuccessorFormPage'), 'SuccessorFormPage');
const GoalPage = page(() => import('../features/goals/routes/GoalPage'), 'GoalPage');
const GoalFormPage = page(() => import('../features/goals/routes/GoalFormPage'), 'GoalFormPage');
const MeasurePage = page(() => import('../features/measures/routes/MeasurePage'), 'MeasurePage');
const ActionPlanPage = page(() => import('../features/action-plans/routes/ActionPlanPage'), 'ActionPlanPage');
const ActionPlanPrintPage = page(() => import('../features/action-plans/routes/ActionPlanPrintPage'), 'ActionPlanPrintPage');
const MeasureFormPage = page(() => import('../features/measures/routes/MeasureFormPage'), 'MeasureFormPage');
const GroupsPage = page(() => import('../features/working-groups/routes/GroupsPage'), 'GroupsPage');
const GroupFormPage = page(() => import('../features/working-groups/routes/GroupFormPage'), 'GroupFormPage');
const MeetingFormPage = page(() => import('../features/meetings/routes/MeetingFormPage'), 'MeetingFormPage');
const MeetingRecordPage = page(() => import('../features/meetings/routes/MeetingRecordPage'), 'MeetingRecordPage');
const GroupPage = page(() => import('../features/working-groups/routes/GroupPage'), 'GroupPage');
const MeetingPage = page(() => import('../features/meetings/routes/MeetingPage'), 'MeetingPage');
const RegisterPage = page(() => import('../features/consultation/routes/RegisterPage'), 'RegisterPage');
const SignInPage = page(() => import('../features/auth/routes/SignInPage'), 'SignInPage');
const ForgotPasswordPage = page(() => import('../features/account/routes/ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = page(() => import('../features/account/routes/ResetPasswordPage'), 'ResetPasswordPage');
const ConfirmEmailPage = page(() => import('../features/account/routes/ConfirmEmailPage'), 'ConfirmEmailPage');
const AccountPage = page(() => import('../features/account/routes/AccountPage'), 'AccountPage');
const ApiKeysPage = page(() => import('../features/api-keys/routes/ApiKeysPage'), 'ApiKeysPage');
const TerritoryPage = page(() => import('../features/territory-page/routes/TerritoryPage'), 'TerritoryPage');
const TerritoriesAdminPage = page(() => import('../features/territories/routes/TerritoriesAdminPage'), 'TerritoriesAdminPage');
const TerritoryFormPage = page(() => import('../features/territories/routes/TerritoryFormPage'), 'TerritoryFormPage');
const CataloguePage = page(() => import('../features/services/routes/CataloguePage'), 'CataloguePage');
const ServicePage = page(() => import('../features/services/routes/ServicePage'), 'ServicePage');
const OrganizationPage = page(() => import('../features/services/routes/OrganizationPage'), 'OrganizationPage');
const WebhooksPage = page(() => import('../features/webhooks/routes/WebhooksPage'), 'WebhooksPage');
const WebhookPage = page(() => import('../features/webhooks/routes/WebhookPage'), 'WebhookPage');
const UnsubscribePage = page(() => import('../features/subscriptions/routes/UnsubscribePage'), 'UnsubscribePage');
const CommentNoticesUnsubscribePage = page(
  () => import('../features/subscriptions/routes/CommentNoticesUnsubscribePage'),
  'CommentNoticesUnsubscribePage',
);
const OpenDataPage = page(() => import('../features/open-data/routes/OpenDataPage'), 'OpenDataPage');
const SearchPage = page(() => import('../features/search/routes/SearchPage'), 'SearchPage');
const TargetGroupsPage = page(() => import('../features/target-groups/routes/TargetGroupsPage'), 'TargetGroupsPage');
const ServiceFormPage = page(() => import('../features/services/routes/ServiceFormPage'), 'ServiceFormPage');
const OrganizationFormPage = page(() => import('../features/services/routes/OrganizationFormPage'), 'OrganizationFormPage');
const UsersPage = page(() => import('../features/users/routes/UsersPage'), 'UsersPage');
const NeedsPage = page(() => import('../features/needs/routes/NeedsPage'), 'NeedsPage');
const NeedReportPage = page(() => import('../features/needs/routes/NeedReportPage'), 'NeedReportPage');
const NeedPage = page(() => import('../features/needs/routes/NeedPage'), 'NeedPage');
const SurveysPage = page(() => import('../features/surveys/routes/SurveysPage'), 'SurveysPage');
const SurveyPage = page(() => import('../features/surveys/routes/SurveyPage'), 'SurveyPage');
const SurveyFormPage = page(() => import('../features/surveys/routes/SurveyFormPage'), 'SurveyFormPage');
const SurveyResultsPage = page(() => import('../features/surveys/routes/SurveyResultsPage'), 'SurveyResultsPage');
const NotFoundPage = page(() => import('../components/NotFoundPage'), 'NotFoundPage');

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteErrorPage standalone />,
    children: [
      {
        // Inside the shell, so the header and navigation stay usable when one page fails.
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'plans/new', element: <PlanFormPage /> },
          { path: 'plans/:planId', element: <PlanPage /> },
          { path: 'plans/:planId/edit', element: <PlanFormPage /> },
          { path: 'plans/:planId/successor', element: <SuccessorFormPage /> },
          { path: 'plans/:planId/goals/new', element: <GoalFormPage /> },
          { path: 'plans/:planId/register', element: <RegisterPage /> },
          { path: 'plans/:planId/changes', element: <PlanChangesPage /> },
          { path: 'plans/:planId/reports/:year', element: <ReportPage /> },
          { path: 'goals/:goalId', element: <GoalPage /> },
          { path: 'goals/:goalId/edit', element: <GoalFormPage /> },
          { path: 'goals/:goalId/measures/new', element: <MeasureFormPage /> },
          { path: 'measures/:measureId', element: <MeasurePage /> },
          { path: 'measures/:measureId/edit', element: <MeasureFormPage /> },
          { path: 'action-plans/:actionPlanId', element: <ActionPlanPage /> },
          { path: 'action-plans/:actionPlanId/print', element: <ActionPlanPrintPage /> },
          { path: 'working-groups', element: <GroupsPage /> },
          { path: 'working-groups/new', element: <GroupFormPage /> },
          { path: 'working-groups/:groupId', element: <GroupPage /> },
          { path: 'working-groups/:groupId/edit', element: <GroupFormPage /> },
          { path: 'working-groups/:groupId/meetings/new', element: <MeetingFormPage /> },
          { path: 'meetings/:meetingId', element: <MeetingPage /> },
          { path: 'meetings/:meetingId/edit', element: <MeetingFormPage /> },
          { path: 'meetings/:meetingId/record', element: <MeetingRecordPage /> },
          { path: 'needs', element: <NeedsPage /> },
          { path: 'needs/new', element: <NeedReportPage /> },
          { path: 'needs/:needId', element: <NeedPage /> },
          { path: 'territories/:territoryId', element: <TerritoryPage /> },
          { path: 'services', element: <CataloguePage /> },
          { path: 'services/new', element: <ServiceFormPage /> },
          { path: 'services/:serviceId', element: <ServicePage /> },
          { path: 'services/:serviceId/edit', element: <ServiceFormPage /> },
          { path: 'target-groups', element: <TargetGroupsPage /> },
          { path: 'open-data', element: <OpenDataPage /> },
          { path: 'search', element: <SearchPage /> },
          { path: 'unsubscribe', element: <UnsubscribePage /> },
          { path: 'unsubscribe/comment', element: <CommentNoticesUnsubscribePage /> },
          { path: 'account/webhooks', element: <WebhooksPage /> },
          { path: 'account/webhooks/:webhookId', element: <WebhookPage /> },
          { path: 'organizations/new', element: <OrganizationFormPage /> },
          { path: 'organizations/:organizationId', element: <OrganizationPage /> },
          { path: 'organizations/:organizationId/edit', element: <OrganizationFormPage /> },
          { path: 'surveys', element: <SurveysPage /> },
          { path: 'surveys/new', element: <SurveyFormPage /> },
          { path: 'surveys/:surveyId', element: <SurveyPage /> },
          { path: 'surveys/:surveyId/edit', element: <SurveyFormPage /> },
          { path: 'surveys/:surveyId/results', element: <SurveyResultsPage /> },
          { path: 'sign-in', element: <SignInPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password', element: <ResetPasswordPage /> },
          { path: 'confirm-email', element: <ConfirmEmailPage /> },
          { path: 'account', element: <AccountPage /> },
          { path: 'account/api-keys', element: <ApiKeysPage /> },
          { path: 'admin/users', element: <UsersPage /> },
          { path: 'admin/territories', element: <TerritoriesAdminPage /> },
          { path: 'admin/territories/new', element: <TerritoryFormPage /> },
          { path: 'admin/territories/:territoryId', element: <TerritoryFormPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

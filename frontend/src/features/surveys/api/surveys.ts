//! Surveys (dotazníková šetření) as the web app reads and writes them: the list, one survey, its
//! results, and the writes (build, open and close, answer).
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAll } from '../../../lib/api/pages';
import { toApiError, unwrap } from '../../../lib/api/problem';

export type Survey = Schemas['Survey'];
export type Question = Schemas['SurveyQuestion'];
export type QuestionInput = Schemas['SurveyQuestionInput'];
export type QuestionKind = Schemas['QuestionKind'];
export type SurveyStatus = Schemas['SurveyStatus'];
export type AnswerInput = Schemas['SurveyAnswerInput'];
export type SurveyResults = Schemas['SurveyResults'];
export type QuestionResult = Schemas['SurveyQuestionResult'];

export const KINDS: QuestionKind[] = ['single_choice', 'multiple_choice', 'scale', 'number', 'text'];

export const surveyKeys = {
  all: ['surveys'] as const,
  list: (planId?: string) => [...surveyKeys.all, 'list', planId ?? 'all'] as const,
  one: (id: string) => [...surveyKeys.all, 'one', id] as const,
  results: (id: string) => [...surveyKeys.all, 'results', id] as const,
};

/** Every survey the caller may see, or those of one plan. */
export const surveysQuery = (planId?: string) =>
  queryOptions({
    queryKey: surveyKeys.list(planId),
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/surveys', { params: { query: { ...query, plan_id: planId } } }))),
  });

export const surveyQuery = (id: string) =>
  queryOptions({
    queryKey: surveyKeys.one(id),
    queryFn: () => unwrap(api.GET('/api/v1/surveys/{id}', { params: { path: { id } } })),
  });

export const resultsQuery = (id: string) =>
  queryOptions({
    queryKey: surveyKeys.results(id),
    queryFn: () => unwrap(api.GET('/api/v1/surveys/{id}/results', { params: { path: { id } } })),
  });

const invalidateSurveys = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: surveyKeys.all });

/** Creates a survey, or saves `survey` (`If-Match` its version) when given. */
export const useSaveSurvey = () =>
  useWrite(
    ({ survey, body }: { survey?: Survey; body: Schemas['SurveyCreate'] }) =>
      survey
        ? unwrap(api.PATCH('/api/v1/surveys/{id}', { params: { path: { id: survey.id }, header: ifMatch(survey.version) }, body }))
        : unwrap(api.POST('/api/v1/surveys', { body })),
    invalidateSurveys,
  );

export const useSurveyStatus = () =>
  useWrite(
    ({ survey, status }: { survey: Survey; status: SurveyStatus }) =>
      unwrap(
        api.POST('/api/v1/surveys/{id}/status', { params: { path: { id: survey.id }, header: ifMatch(survey.version) }, body: { status } }),
      ),
    invalidateSurveys,
  );

export const useDeleteSurvey = () =>
  useWrite(
    async (survey: Survey) => {
      const { error, response } = await api.DELETE('/api/v1/surveys/{id}', {
        params: { path: { id: survey.id }, header: ifMatch(survey.version) },
      });
      if (!response.ok) throw toApiError(error, response);
    },
    invalidateSurveys,
  );

export const useRespond = () =>
  useWrite(
    ({ surveyId, answers }: { surveyId: string; answers: AnswerInput[] }) =>
      unwrap(api.POST('/api/v1/surveys/{id}/responses', { params: { path: { id: surveyId } }, body: { answers } })),
    invalidateSurveys,
  );

/** The raw responses as CSV, fetched with the person's token. */
export async function responsesCsv(id: string): Promise<Blob> {
  const { data, error, response } = await api.GET('/api/v1/surveys/{id}/responses', {
    params: { path: { id }, query: { format: 'csv' } },
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw toApiError(error, response);
  return data as Blob;
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { datetimeWriter } from '../../http/datetime-output.js'
import { parsePageRequest } from '../../http/pagination.js'
import { ID_PATTERN, withErrors } from '../../http/schemas.js'
import type { User } from '../users/user.types.js'
import {
  fromCreateTaskBody,
  fromTaskListQuery,
  fromUpdateTaskBody,
  toTaskJson,
  toTaskListJson,
} from './task.presenter.js'
import {
  CreateTaskBody,
  TaskDeletedJson,
  TaskIdParams,
  TaskEnvelopeJson,
  TaskListJson,
  TaskListQuery,
  TaskSavedJson,
  UpdateTaskBody,
} from './task.schemas.js'
import type { TaskService } from './task.service.js'

export interface TaskRoutesOptions {
  tasks: TaskService
  appTimezone: string
}

/** The authentication hook sets the actor on every `api` route. */
const userOf = (request: FastifyRequest): User => (request.actor as Actor).user

/** `/api/v1/tasks` (api-core.md §11). */
export const taskRoutes: FastifyPluginAsyncTypebox<TaskRoutesOptions> = async (
  app,
  { tasks, appTimezone },
) => {
  app.get(
    '/tasks',
    {
      config: { scope: 'read:tasks' },
      schema: {
        tags: ['Tasks'],
        summary: 'List visible tasks',
        querystring: TaskListQuery,
        response: withErrors({ 200: TaskListJson }),
      },
    },
    async (request, reply) => {
      const page = parsePageRequest(request.query)
      const result = await tasks.list(userOf(request), fromTaskListQuery(request.query), page)
      return toTaskListJson(result, page, datetimeWriter(request, reply, appTimezone))
    },
  )

  app.get(
    `/tasks/:id${ID_PATTERN}`,
    {
      config: { scope: 'read:tasks' },
      schema: {
        tags: ['Tasks'],
        summary: 'Get a task',
        params: TaskIdParams,
        response: withErrors({ 200: TaskEnvelopeJson }),
      },
    },
    async (request, reply) => {
      const view = await tasks.get(userOf(request), Number(request.params.id))
      return { task: toTaskJson(view, datetimeWriter(request, reply, appTimezone)) }
    },
  )

  app.post(
    '/tasks',
    {
      config: { scope: 'write:tasks' },
      schema: {
        tags: ['Tasks'],
        summary: 'Create a task',
        body: CreateTaskBody,
        response: withErrors({ 201: TaskSavedJson }),
      },
    },
    async (request, reply) => {
      const view = await tasks.create(userOf(request), fromCreateTaskBody(request.body))
      const task = toTaskJson(view, datetimeWriter(request, reply, appTimezone))
      return reply.code(201).send({ message: 'Task created successfully', task })
    },
  )

  app.route({
    method: ['PUT', 'PATCH'],
    url: `/tasks/:id${ID_PATTERN}`,
    config: { scope: 'write:tasks' },
    schema: {
      tags: ['Tasks'],
      summary: 'Update a task (PUT and PATCH both change only the keys sent)',
      params: TaskIdParams,
      body: UpdateTaskBody,
      response: withErrors({ 200: TaskSavedJson }),
    },
    handler: async (request, reply) => {
      const view = await tasks.update(
        userOf(request),
        Number(request.params.id),
        fromUpdateTaskBody(request.body),
      )
      return {
        message: 'Task updated successfully',
        task: toTaskJson(view, datetimeWriter(request, reply, appTimezone)),
      }
    },
  })

  app.delete(
    `/tasks/:id${ID_PATTERN}`,
    {
      config: { scope: 'write:tasks' },
      schema: {
        tags: ['Tasks'],
        summary: 'Delete a task (its time entries stay, without a task)',
        params: TaskIdParams,
        response: withErrors({ 200: TaskDeletedJson }),
      },
    },
    async (request) => {
      await tasks.delete(userOf(request), Number(request.params.id))
      return { message: 'Task deleted successfully' }
    },
  )
}

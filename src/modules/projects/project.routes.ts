import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { datetimeWriter } from '../../http/datetime-output.js'
import { parsePageRequest } from '../../http/pagination.js'
import { requireNonBlankField } from '../../http/required-name.js'
import { ID_PATTERN, withErrors } from '../../http/schemas.js'
import type { User } from '../users/user.types.js'
import {
  fromProjectBody,
  fromProjectListQuery,
  toProjectJson,
  toProjectListJson,
} from './project.presenter.js'
import {
  CreateProjectBody,
  MessageJson,
  ProjectEnvelopeJson,
  ProjectIdParams,
  ProjectListJson,
  ProjectListQuery,
  ProjectSavedJson,
  UpdateProjectBody,
} from './project.schemas.js'
import type { ProjectService } from './project.service.js'

export interface ProjectRoutesOptions {
  projects: ProjectService
  appTimezone: string
}

const TAGS = ['Projects']
const NAME_REQUIRED = 'Project name is required'

/** The authentication hook sets the actor on every `api` route. */
const userOf = (request: FastifyRequest): User => (request.actor as Actor).user

/** `/api/v1/projects…` (api-core.md §9). */
export const projectRoutes: FastifyPluginAsyncTypebox<ProjectRoutesOptions> = async (
  app,
  { projects, appTimezone },
) => {
  const writer = (request: FastifyRequest, reply: FastifyReply) => datetimeWriter(request, reply, appTimezone)
  const byId = `/projects/:id${ID_PATTERN}`

  app.get(
    '/projects',
    {
      config: { scope: 'read:projects' },
      schema: {
        tags: TAGS,
        summary: 'List the visible projects by name (active ones unless status is given)',
        querystring: ProjectListQuery,
        response: withErrors({ 200: ProjectListJson }),
      },
    },
    async (request, reply) => {
      const page = parsePageRequest(request.query)
      const list = await projects.list(userOf(request), fromProjectListQuery(request.query), page)
      return toProjectListJson(list, page, writer(request, reply))
    },
  )

  app.get(
    byId,
    {
      config: { scope: 'read:projects' },
      schema: {
        tags: TAGS,
        summary: 'Get a project',
        params: ProjectIdParams,
        response: withErrors({ 200: ProjectEnvelopeJson }),
      },
    },
    async (request, reply) => ({
      project: toProjectJson(
        await projects.get(userOf(request), Number(request.params.id)),
        writer(request, reply),
      ),
    }),
  )

  app.post(
    '/projects',
    {
      config: { scope: 'write:projects' },
      preValidation: requireNonBlankField('name', NAME_REQUIRED, true),
      schema: {
        tags: TAGS,
        summary: 'Create a project',
        body: CreateProjectBody,
        response: withErrors({ 201: ProjectSavedJson }),
      },
    },
    async (request, reply) => {
      const details = await projects.create(userOf(request), fromProjectBody(request.body))
      return reply.code(201).send({
        message: 'Project created successfully',
        project: toProjectJson(details, writer(request, reply)),
      })
    },
  )

  app.route({
    method: ['PUT', 'PATCH'],
    url: byId,
    config: { scope: 'write:projects' },
    preValidation: requireNonBlankField('name', NAME_REQUIRED, false),
    schema: {
      tags: TAGS,
      summary: 'Update a project (partial: only the keys sent change)',
      params: ProjectIdParams,
      body: UpdateProjectBody,
      response: withErrors({ 200: ProjectSavedJson }),
    },
    handler: async (request, reply) => {
      const details = await projects.update(
        userOf(request),
        Number(request.params.id),
        fromProjectBody(request.body),
      )
      return {
        message: 'Project updated successfully',
        project: toProjectJson(details, writer(request, reply)),
      }
    },
  })

  app.delete(
    byId,
    {
      config: { scope: 'write:projects' },
      schema: {
        tags: TAGS,
        summary: 'Archive a project (never deletes it)',
        params: ProjectIdParams,
        response: withErrors({ 200: MessageJson }),
      },
    },
    async (request) => {
      await projects.archive(userOf(request), Number(request.params.id))
      return { message: 'Project archived successfully' }
    },
  )
}

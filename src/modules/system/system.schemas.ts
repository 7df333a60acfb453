import { Type } from '@sinclair/typebox'

export const InfoJson = Type.Object({
  api_version: Type.String(),
  app_version: Type.String(),
  setup_required: Type.Boolean(),
  enabled_modules: Type.Array(Type.String()),
  documentation_url: Type.String(),
  authentication: Type.String(),
  endpoints: Type.Record(Type.String(), Type.String()),
  timezone: Type.String(),
})

export const HealthJson = Type.Object({
  status: Type.Literal('healthy'),
  timestamp: Type.String(),
})

import { aiSdkSuite } from '@understudy/test-utils/ai-sdk-suite'
import { describeMatrix } from './harness'

describeMatrix('Vercel AI SDK (@ai-sdk/anthropic)', (h) =>
  aiSdkSuite({
    model: () => h.provider()('claude-sonnet-4-5'),
    reply: (reply) => h.reply(reply),
    whenToolResult: (name, reply) =>
      h.anthropic.when({ toolResult: name }).reply(reply, { partition: h.partition }),
    modelCalls: () => h.anthropic.calls('POST /v1/messages'),
    toolResultMarker: 'tool_result',
  }),
)

import type { Executor } from '../../runtime.ts';

/** Asks the engine to write attributes and tags, then continues; the next nodes see the new profile. */
export const updateExecutor: Executor<'update'> = ({ node }) => ({
  kind: 'advance',
  port: 'out',
  profile: {
    setAttributes: node.config.setAttributes,
    addTags: node.config.addTags,
    removeTags: node.config.removeTags,
  },
});

/**
 * Taro plugin: adds WeChat's accessibility attributes (aria-role, aria-label, …) to the mini-program templates of
 * View, Text, Image, Button, Input and Textarea, which Taro's templates leave out. The app's runtime merges the same
 * list (src/lib/platform-a11y.weapp.ts) so that Taro maps the props `ariaRole`/`ariaLabel` onto these attributes.
 */
const patch = require('../../src/lib/a11y-attributes.json');

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (platform && platform.template && typeof platform.template.mergeComponents === 'function') {
        platform.template.mergeComponents(ctx, patch);
      }
    },
  });
};

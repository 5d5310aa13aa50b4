package __PACKAGE__;

import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.testkit.FakePluginContext;
import io.agentgateway.testkit.UpstreamProviderContract;

/**
 * The provider meets the gateway's contract for upstream providers, checked against the scripted mock server the
 * suite starts. Add tests of what your provider does beyond it here.
 */
class __CLASS_PREFIX__ContractTest extends UpstreamProviderContract {

    @Override
    protected UpstreamProvider provider() {
        return new __CLASS_PREFIX__Provider(new FakePluginContext("__PLUGIN_ID__"));
    }
}

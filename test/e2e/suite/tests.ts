// Every extension-host test file, bundled into one (mocha loads this after defining describe/it).
import './activation.test';
import './diagnostics.test';
import './server.test';
import './features.test';

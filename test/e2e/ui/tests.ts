// Every UI test file, bundled into one with the session (one code-server and browser for all).
import './session';
import './workbench.test';

// What core/, protocol/ and webview/ see instead of @types/vscode: a module
// with nothing in it, so any use of the vscode API there fails to type-check.
export declare const vscodeIsOnlyAvailableInSrcVscode: never;

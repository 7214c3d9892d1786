// ESLint 9 flat config. Runs in `npm test` (via `npm run lint`); formatting is Prettier's job, not ESLint's.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "build/",
      "node_modules/",
      "public/",
      "db/migrations/",
      ".cache/",
      // Generated / local data (gitignored).
      "data/",
      "tests/.tmp/",
      "bench/.data/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{js,jsx,ts,tsx}"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // A leading underscore marks a deliberately unused binding (e.g. a loader's `_args`), as tsc already allows.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Several processes write to one SQLite file (issue #7): a write transaction that began DEFERRED can fail with
    // SQLITE_BUSY at once, whatever the busy timeout. Every transaction of the app begins IMMEDIATE (IMMEDIATE in
    // app/infra/db.server.ts).
    files: ["app/**/*.{ts,tsx}", "cli/**/*.ts", "db/**/*.ts", "search/**/*.ts", "server.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.property.name='transaction'][arguments.length=1]:not(MemberExpression[property.name='immediate'] > CallExpression.object)",
          message:
            "Begin write transactions IMMEDIATE: drizzle's transaction(fn, IMMEDIATE), better-sqlite3's .immediate().",
        },
        {
          selector:
            "CallExpression[callee.property.name='transaction'][arguments.length=2]:not([arguments.1.name='IMMEDIATE'])",
          message: "Begin write transactions IMMEDIATE: transaction(fn, IMMEDIATE) with IMMEDIATE from db.server.ts.",
        },
      ],
    },
  },
  {
    files: ["tests/**/*.{ts,tsx}"],
    rules: {
      // Tests call loaders/actions with hand-built partial Remix args and read untyped JSON bodies via `as any`.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["**/*.{jsx,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    files: ["**/*.{jsx,tsx}"],
    ...jsxA11y.flatConfigs.recommended,
  },
);

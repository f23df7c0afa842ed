import { Command } from 'commander';

/**
 * Every `possier` command, with the one line `possier --help` shows and how to load it. A call
 * loads only the command it names (a report does not load the ledger, nor a till the migrations),
 * so the command line answers at once; `--help` loads none of them.
 */
export const COMMANDS: ReadonlyArray<{
  name: string;
  summary: string;
  load: () => Promise<(program: Command) => void>;
}> = [
  {
    name: 'report',
    summary: 'Print a report from the ledger’s reports API',
    load: async () => {
      const { reportCommand } = await import('./report/report-command.js');
      return (program) => program.addCommand(reportCommand());
    },
  },
  {
    name: 'status',
    summary: 'The read side’s lag and the events registers still queue',
    load: async () => {
      const { statusCommand } = await import('./status/status-command.js');
      return (program) => program.addCommand(statusCommand());
    },
  },
  {
    name: 'audit',
    summary: 'The tamper-evident audit trail: history, export, offline verify',
    load: async () => {
      const { addAuditCommands } = await import('./audit/audit-commands.js');
      return (program) => addAuditCommands(program);
    },
  },
  {
    name: 'register',
    summary: 'Create and list registers; run this machine as one: sell online or offline, sync',
    load: async () => {
      const [{ registerCommand }, { addRegisterStatusCommands }, { addRegisterSetupCommands }] = await Promise.all([
        import('@possier/register/cli'),
        import('./principals/principal-commands.js'),
        import('./setup/tenancy-commands.js'),
      ]);
      return (program) => program.addCommand(addRegisterSetupCommands(addRegisterStatusCommands(registerCommand())));
    },
  },
  {
    name: 'user',
    summary: 'Add, list, grant roles to and deactivate the people of your org',
    load: async () => {
      const [{ userCommand }, { addUserSetupCommands }] = await Promise.all([
        import('./principals/principal-commands.js'),
        import('./setup/user-commands.js'),
      ]);
      return (program) => program.addCommand(addUserSetupCommands(userCommand()));
    },
  },
  {
    name: 'org',
    summary: 'Create an organisation and its owner (operator token)',
    load: async () => {
      const { orgCommand } = await import('./setup/tenancy-commands.js');
      return (program) => program.addCommand(orgCommand());
    },
  },
  {
    name: 'brand',
    summary: 'Create and list the brands of your org',
    load: async () => {
      const { brandCommand } = await import('./setup/tenancy-commands.js');
      return (program) => program.addCommand(brandCommand());
    },
  },
  {
    name: 'store',
    summary: 'Create and list stores, with their GST state',
    load: async () => {
      const { storeCommand } = await import('./setup/tenancy-commands.js');
      return (program) => program.addCommand(storeCommand());
    },
  },
  {
    name: 'tax-category',
    summary: 'Create and list GST tax categories (slab and HSN/SAC)',
    load: async () => {
      const { taxCategoryCommand } = await import('./setup/menu-commands.js');
      return (program) => program.addCommand(taxCategoryCommand());
    },
  },
  {
    name: 'menu',
    summary: 'Import a brand’s menu from CSV, or list it',
    load: async () => {
      const { menuCommand } = await import('./setup/menu-commands.js');
      return (program) => program.addCommand(menuCommand());
    },
  },
  {
    name: 'import',
    summary: 'Import past sales from another point of sale (CSV)',
    load: async () => {
      const { importCommand } = await import('./import/sales-import-command.js');
      return (program) => program.addCommand(importCommand());
    },
  },
  {
    name: 'stock-item',
    summary: 'Name stock items (ingredients) and their base units',
    load: async () => {
      const { stockItemCommand } = await import('./setup/stock-item-command.js');
      return (program) => program.addCommand(stockItemCommand());
    },
  },
  {
    name: 'start',
    summary: 'Run the ledger, its read side and a demo tenant (PostgreSQL + NATS, or embedded)',
    load: async () => {
      const { startCommand } = await import('./start/start-command.js');
      return (program) => program.addCommand(startCommand());
    },
  },
  {
    name: 'token',
    summary: 'Bearer tokens for users, registers and operators',
    load: async () => {
      const { tokenCommand } = await import('./ops/token-command.js');
      return (program) => program.addCommand(tokenCommand());
    },
  },
  {
    name: 'migrate',
    summary: 'Apply the schema migrations the database has not seen (needs DATABASE_URL)',
    load: async () => {
      const { migrateCommand } = await import('./ops/migrate-command.js');
      return (program) => program.addCommand(migrateCommand());
    },
  },
  {
    name: 'rebuild',
    summary: 'Rebuild read models from the whole log and swap them in (needs DATABASE_URL)',
    load: async () => {
      const { rebuildCommand } = await import('./ops/rebuild-command.js');
      return (program) => program.addCommand(rebuildCommand());
    },
  },
  {
    name: 'customer-keys',
    summary: 'Customers’ data keys, stored wrapped under a key-encryption key',
    load: async () => {
      const { customerKeysCommand } = await import('./ops/customer-keys-command.js');
      return (program) => program.addCommand(customerKeysCommand());
    },
  },
];

/**
 * The `possier` program for these arguments (without node and the script): the command they
 * name, loaded, or, for `--help`, `help`, a mistyped name or nothing, every command by its summary.
 */
export const programFor = async (args: ReadonlyArray<string>): Promise<Command> => {
  const program = new Command('possier')
    .description('The Possier ledger from the command line: a register, reports, and the read side’s status.')
    .showHelpAfterError();
  const named = args[0] === 'help' ? args[1] : args[0];
  const command = COMMANDS.find(({ name }) => name === named);
  if (command) (await command.load())(program);
  else for (const { name, summary } of COMMANDS) program.command(name).description(summary);
  return program;
};

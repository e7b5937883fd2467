import { normalizeSerial } from '../../../core/text-ja/serial.util.js';
import { AppError, type FieldError } from '../../platform/app-error.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { displayContact, planCustomerMerge, type CustomerService, type MergeCandidate } from './customer.service.js';
import type { CreateCustomerInput, CustomerDto } from './customer.schemas.js';
import {
  IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type CustomerImportReport, type ImportEncoding, type ImportRowError,
} from './customer-import.schemas.js';
import { columnOfPath, mapImportColumns, parseRow, type ParsedRow } from './customer-import.columns.js';
import { decodeCsvBytes, parseCsvText, type CsvRow } from './customer-import.decode.js';
import { CustomerImportFileError } from './customer-import.errors.js';

/** Rows are looked up and created in chunks: one lookup and one insert per chunk instead of several per row. */
const CHUNK_ROWS = 500;

type Outcome = 'created' | 'updated' | 'unchanged' | ImportRowError[];
interface ProductAdd { productId: string; serial: string | null; purchasedOn: string | null; line: number }

/**
 * One customer as this run knows it. `stored`: in the database (loaded, or created and flushed).
 * `pending`: to be created when the chunk is flushed; rows that repeat it merge into `input` meanwhile.
 * `simulated`: what a dry run would have created.
 */
interface Snapshot {
  customer: CustomerDto;
  state: 'stored' | 'pending' | 'simulated';
  input: CreateCustomerInput | null;
  /** The row that creates a pending customer, then the rows merged into it (they share its fate). */
  lines: number[];
  /** Products owned (ids), loaded lazily for stored customers. */
  products: Set<string> | null;
  productAdds: ProductAdd[];
}

/**
 * What this run knows about the tenant's customers: loaded from the database chunk by chunk and kept up to
 * date with every planned write, so rows that repeat each other merge, and a dry run predicts exactly what a
 * real run would do without writing.
 */
function createLedger() {
  const byId = new Map<string, Snapshot>();
  const byRef = new Map<string, Snapshot>();
  const byContact = new Map<string, Snapshot>();
  const bySerial = new Map<string, Snapshot>();
  const key = (kind: string, value: string) => `${kind}:${value}`;
  const index = (snap: Snapshot, contacts: { kind: string; value: string }[]) => {
    if (snap.customer.externalRef) byRef.set(snap.customer.externalRef, snap);
    for (const c of contacts) byContact.set(key(c.kind, c.value), snap);
  };
  return {
    adopt(c: MergeCandidate) {
      if (byId.has(c.customer.id)) return;
      const snap: Snapshot = { customer: c.customer, state: 'stored', input: null, lines: [], products: null, productAdds: [] };
      byId.set(c.customer.id, snap);
      index(snap, c.contacts);
    },
    add(snap: Snapshot, contacts: { kind: string; value: string }[]) {
      byId.set(snap.customer.id, snap);
      index(snap, contacts);
    },
    /** Records changes of a known customer (fields filled, contacts added). */
    update(snap: Snapshot, customer: CustomerDto, contacts: { kind: string; value: string }[]) {
      if (customer.id !== snap.customer.id) {
        byId.delete(snap.customer.id);
        byId.set(customer.id, snap);
      }
      snap.customer = customer;
      index(snap, contacts);
    },
    /** Forgets a pending customer whose creation failed, so later rows do not merge into it. */
    forget(snap: Snapshot) {
      byId.delete(snap.customer.id);
      for (const m of [byRef, byContact, bySerial]) for (const [k, v] of m) if (v === snap) m.delete(k);
    },
    byRef: (ref: string) => byRef.get(ref),
    ownerOf: (kind: string, value: string) => byContact.get(key(kind, value)),
    serialOwner: (serial: string) => bySerial.get(serial),
    claimSerial: (serial: string, snap: Snapshot) => bySerial.set(serial, snap),
  };
}

export interface ImportCustomersInput {
  data: Buffer;
  encoding: ImportEncoding;
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export function createCustomerImportService(deps: { customers: CustomerService; catalog: CatalogService; audit: AuditService }) {
  const { customers, catalog } = deps;

  return {
    /**
     * Imports a client's customer list: good rows are created or merged, bad rows are reported with their
     * line and column. Matching (same tenant only): 顧客番号 (external_ref), else any phone, else any e-mail.
     */
    async importCustomers(ctx: TenantContext, input: ImportCustomersInput): Promise<CustomerImportReport> {
      const dryRun = input.dryRun ?? false;
      if (input.data.length > IMPORT_MAX_BYTES) {
        throw new CustomerImportFileError('file_too_large', `The file is ${(input.data.length / 1024 / 1024).toFixed(1)} MB; the limit is ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into several files`);
      }
      const { text, encoding } = decodeCsvBytes(input.data, input.encoding);
      const { header, rows, syntaxErrors } = parseCsvText(text);
      const columns = mapImportColumns(header);
      if (rows.length > IMPORT_MAX_ROWS) {
        throw new CustomerImportFileError('too_many_rows', `The file has ${rows.length.toLocaleString('en')} rows; the limit is ${IMPORT_MAX_ROWS.toLocaleString('en')}. Split it into several files`);
      }

      const report: CustomerImportReport = {
        totalRows: rows.length + syntaxErrors.length, created: 0, updated: 0, unchanged: 0, failed: syntaxErrors.length,
        errors: [...syntaxErrors], encoding, dryRun, ignoredColumns: columns.ignored,
      };
      const ledger = createLedger();
      const productsBySku = new Map<string, { id: string } | null>();
      let tempIds = 0;

      const productBySku = async (sku: string) => {
        if (!productsBySku.has(sku)) productsBySku.set(sku, await catalog.findProductBySku(ctx, sku));
        return productsBySku.get(sku)!;
      };
      const ownedProductIds = async (snap: Snapshot) => {
        snap.products ??= new Set((await catalog.listOwnedOfLoadedCustomer(ctx, snap.customer.id)).map((o) => o.productId));
        return snap.products;
      };

      /** A service refusal (a contact taken a moment ago, …) becomes this row's error, named by column where possible. */
      const rowErrorsOf = (r: CsvRow, err: AppError): ImportRowError[] => {
        const list: FieldError[] = err.errors.length > 0 ? err.errors : [{ path: '', message: err.message }];
        return list.map((e) => ({ row: r.line, column: e.path ? columnOfPath(columns, r.cells, e.path) : null, message: e.message }));
      };

      /** Decides what one valid row does; writes at once only merges into stored customers (creations wait for the flush). */
      async function planRow(row: ParsedRow, pending: Snapshot[]): Promise<Outcome> {
        const { input: v, contacts, product, line } = row;
        const rowError = (column: string | null, message: string, value?: string | null): ImportRowError[] => [{ row: line, column, message, ...(value ? { value } : {}) }];

        const productRow = product ? await productBySku(product.sku) : null;
        if (product && !productRow) return rowError(product.column, `No product with code "${product.sku}" in this tenant's catalog`, product.sku);

        let target: Snapshot | undefined = v.externalRef ? ledger.byRef(v.externalRef) : undefined;
        if (!target) {
          // Phones before e-mails: a shared family address is commoner than a shared phone number.
          const via = contacts.find((c) => c.kind === 'phone' && ledger.ownerOf(c.kind, c.value)) ?? contacts.find((c) => ledger.ownerOf(c.kind, c.value));
          if (via) {
            target = ledger.ownerOf(via.kind, via.value)!;
            const theirRef = target.customer.externalRef;
            if (v.externalRef && theirRef && theirRef !== v.externalRef) {
              return rowError(via.column, `${displayContact(via.kind, via.value)} already belongs to the customer with number ${theirRef}; a row numbered ${v.externalRef} cannot be merged into it`, via.raw);
            }
          }
        }

        let productAdd: ProductAdd | null = null;
        const serial = product?.serial ? normalizeSerial(product.serial) : null;
        if (productRow && product) {
          let owned: boolean;
          if (serial) {
            const snapOwner = ledger.serialOwner(serial);
            const dbOwner = snapOwner ? null : await catalog.findOwnerBySerial(ctx, serial);
            const mine = snapOwner ? snapOwner === target : dbOwner !== null && dbOwner === target?.customer.id;
            if ((snapOwner || dbOwner) && !mine) return rowError(product.serialColumn, `Serial number ${product.serial} is already registered to another customer`, product.serial);
            owned = mine;
          } else {
            owned = target !== undefined && (target.state === 'stored' ? (await ownedProductIds(target)).has(productRow.id) : target.products!.has(productRow.id));
          }
          if (!owned) productAdd = { productId: productRow.id, serial: product.serial, purchasedOn: product.purchasedOn, line };
        }
        const claimProduct = (snap: Snapshot) => {
          if (!productAdd) return;
          if (serial) ledger.claimSerial(serial, snap);
          snap.products?.add(productAdd.productId);
        };

        if (target) {
          const patch = planCustomerMerge(target.customer, v);
          const fresh = contacts.filter((c) => !ledger.ownerOf(c.kind, c.value));
          const changesCustomer = Object.keys(patch).length > 0 || fresh.length > 0;
          if (target.state === 'stored' && !dryRun) {
            let changed = false;
            if (changesCustomer) {
              // Only the contacts free in this run: one may belong to a customer still waiting to be created.
              const merged = await customers.mergeCustomer(ctx, target.customer.id, {
                ...v, phones: fresh.filter((c) => c.kind === 'phone'), emails: fresh.filter((c) => c.kind === 'email'), lineUserIds: [],
              });
              ledger.update(target, merged.customer, merged.addedContacts);
              changed = merged.fields.length > 0 || merged.addedContacts.length > 0;
            }
            if (productAdd) {
              await catalog.addOwnedProduct(ctx, target.customer.id, { productId: productAdd.productId, serial: productAdd.serial, purchasedOn: productAdd.purchasedOn });
              claimProduct(target);
              changed = true;
            }
            return changed ? 'updated' : 'unchanged';
          }
          // Merging in memory: into a customer still to be created, or anything during a dry run.
          if (target.state === 'pending') target.lines.push(line);
          if (!changesCustomer && !productAdd) return 'unchanged';
          ledger.update(target, { ...target.customer, ...patch }, fresh);
          if (target.state === 'pending') {
            const pending = target.input!;
            Object.assign(pending, patch);
            pending.phones.push(...fresh.filter((c) => c.kind === 'phone').map((c) => ({ value: c.value, label: c.label })));
            pending.emails.push(...fresh.filter((c) => c.kind === 'email').map((c) => ({ value: c.value, label: null })));
            if (productAdd) target.productAdds.push(productAdd);
          }
          claimProduct(target);
          return 'updated';
        }

        const snap: Snapshot = {
          customer: {
            id: `${dryRun ? 'dry-run' : 'pending'}-${++tempIds}`, kind: v.kind, externalRef: v.externalRef ?? null, name: v.name, nameKana: v.nameKana ?? null,
            companyName: v.companyName ?? null, gender: v.gender ?? null, ageGroup: v.ageGroup ?? null, prefecture: v.prefecture ?? null,
            postalCode: v.postalCode ?? null, address: v.address ?? null, notes: v.notes ?? null, consentMarketing: v.consentMarketing ?? false,
            vip: v.vip ?? false, createdAt: '', updatedAt: '',
          },
          state: dryRun ? 'simulated' : 'pending',
          input: dryRun ? null : { ...v, phones: contacts.filter((c) => c.kind === 'phone').map((c) => ({ value: c.value, label: c.label })), emails: contacts.filter((c) => c.kind === 'email').map((c) => ({ value: c.value, label: null })), lineUserIds: [] },
          lines: [line],
          products: new Set(),
          productAdds: productAdd ? [productAdd] : [],
        };
        ledger.add(snap, contacts);
        claimProduct(snap);
        if (!dryRun) pending.push(snap);
        return 'created';
      }

      /**
       * Creates the chunk's pending customers in one transaction; if that fails (someone else took a phone a
       * moment ago), creates them one by one so only the rows concerned fail. Then registers their products.
       */
      async function flush(pending: Snapshot[], outcomes: Map<number, Outcome>, rowsByLine: Map<number, CsvRow>) {
        if (pending.length === 0) return;
        const fail = (snap: Snapshot, errors: ImportRowError[]) => {
          const [first, ...rest] = snap.lines;
          outcomes.set(first!, errors);
          for (const l of rest) outcomes.set(l, [{ row: l, column: null, message: `Not imported: this row repeats line ${first}, which failed` }]);
          ledger.forget(snap);
        };
        let created: (CustomerDto | null)[];
        try {
          created = await customers.createCustomers(ctx, pending.map((p) => p.input!));
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          created = [];
          for (const snap of pending) {
            try {
              created.push(await customers.createCustomer(ctx, snap.input!));
            } catch (e) {
              if (!(e instanceof AppError)) throw e;
              fail(snap, rowErrorsOf(rowsByLine.get(snap.lines[0]!)!, e));
              created.push(null);
            }
          }
        }
        for (const [i, snap] of pending.entries()) {
          const dto = created[i];
          if (!dto) continue;
          ledger.update(snap, dto, []);
          snap.state = 'stored';
          snap.input = null;
          for (const p of snap.productAdds) {
            try {
              await catalog.addOwnedProduct(ctx, dto.id, { productId: p.productId, serial: p.serial, purchasedOn: p.purchasedOn });
            } catch (e) {
              if (!(e instanceof AppError)) throw e;
              outcomes.set(p.line, [{ row: p.line, column: columns.fields.get('serial')?.[0]?.header ?? null, message: `The customer was imported but not the product: ${e.message}` }]);
            }
          }
          snap.productAdds = [];
        }
      }

      input.onProgress?.(0, rows.length);
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const chunk = rows.slice(start, start + CHUNK_ROWS);
        const outcomes = new Map<number, Outcome>();
        const valid: ParsedRow[] = [];
        for (const r of chunk) {
          const parsed = parseRow(r.cells, r.line, columns);
          if (parsed.ok) valid.push(parsed.row);
          else outcomes.set(r.line, parsed.errors);
        }
        const candidates = await customers.findForMerge(ctx, {
          externalRefs: valid.flatMap((p) => (p.input.externalRef ? [p.input.externalRef] : [])),
          phones: valid.flatMap((p) => p.contacts.filter((c) => c.kind === 'phone').map((c) => c.value)),
          emails: valid.flatMap((p) => p.contacts.filter((c) => c.kind === 'email').map((c) => c.value)),
        });
        for (const c of candidates) ledger.adopt(c);

        const pending: Snapshot[] = [];
        for (const p of valid) {
          let outcome: Outcome;
          try {
            outcome = await planRow(p, pending);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            outcome = rowErrorsOf(chunk.find((r) => r.line === p.line)!, err);
          }
          outcomes.set(p.line, outcome);
        }
        await flush(pending, outcomes, new Map(chunk.map((r) => [r.line, r])));

        for (const outcome of outcomes.values()) {
          if (Array.isArray(outcome)) {
            report.failed++;
            report.errors.push(...outcome);
          } else report[outcome]++;
        }
        input.onProgress?.(Math.min(start + CHUNK_ROWS, rows.length), rows.length);
      }
      report.errors.sort((a, b) => a.row - b.row);

      if (!dryRun) {
        await deps.audit.record(ctx, {
          action: 'customer.import', entity: 'customer', entityId: null,
          changes: { encoding, totalRows: report.totalRows, created: report.created, updated: report.updated, unchanged: report.unchanged, failed: report.failed },
        });
      }
      return report;
    },
  };
}
export type CustomerImportService = ReturnType<typeof createCustomerImportService>;

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** An order of the demo's order data. */
export interface AcmeOrder {
  order_id: string;
  email: string;
  customer: string;
  status: string;
  items: Array<{ name: string; quantity: number; price: number }>;
  placed_at: string;
  carrier: string | null;
  tracking: string | null;
  eta: string | null;
  delivered_at: string | null;
}

/** A store of the demo's store data. */
export interface AcmeStore {
  city: string;
  main?: boolean;
  aliases: string[];
  address: string;
  phone: string;
  hours: Record<string, string>;
  directions?: string;
}

/** Shipping facts, as in the knowledge base's shipping document. */
export interface AcmeShipping {
  domestic: {
    free_shipping_threshold: number;
    options: Array<{ name: string; price: number; delivery_time: string }>;
  };
  acme_plus: { rule: string };
  international: { countries: string[]; price: number; free_over: number; delivery_time: string };
}

/** Everything the demo loads from `examples/acme/data/`. */
export interface AcmeData {
  orders: AcmeOrder[];
  stores: AcmeStore[];
  shipping: AcmeShipping;
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/** Loads the demo's orders, stores and shipping files from `<botDir>/data`. */
export async function loadAcmeData(botDir: string): Promise<AcmeData> {
  const dir = join(botDir, 'data');
  const [orders, stores, shipping] = await Promise.all([
    readJson<{ orders: AcmeOrder[] }>(join(dir, 'orders.json')),
    readJson<{ stores: AcmeStore[] }>(join(dir, 'stores.json')),
    readJson<AcmeShipping>(join(dir, 'shipping.json')),
  ]);
  return { orders: orders.orders, stores: stores.stores, shipping };
}

import { Command, Option } from "commander";
import { toInventoryJson } from "../../inventory/inventory-json.js";
import type { ImageInventory } from "../../model.js";
import type { CliIo } from "../cli-io.js";
import { addImageOptions, IMAGE_REF_HELP, type ImageOptions, inventoryImage } from "../image-options.js";
import {
  type AllowIncompleteOption,
  addAllowIncompleteOption,
  failIfIncomplete,
  warnIfIncomplete,
} from "../incomplete-inventory.js";
import { CLI_VERSION } from "../version.js";
import type { CliCommand } from "./cli-command.js";

interface SbomOptions extends ImageOptions, AllowIncompleteOption {
  format: "cyclonedx" | "json";
  output?: string;
}

/** `regscan sbom REF`: the image's packages as CycloneDX 1.6 JSON or regscan JSON. */
export const sbomCommand: CliCommand = {
  name: "sbom",
  create(io: CliIo): Command {
    const command = new Command("sbom")
      .description("list the packages installed in an image (software bill of materials)")
      .argument("<ref>", IMAGE_REF_HELP)
      .addOption(
        new Option("-f, --format <format>", "output format").choices(["cyclonedx", "json"]).default("cyclonedx"),
      )
      .option("-o, --output <file>", "write to FILE instead of standard output");
    addImageOptions(command);
    addAllowIncompleteOption(command);
    return command.action(async (ref: string, options: SbomOptions) => {
      const inventory = await inventoryImage(ref, options, io);
      const completeness = warnIfIncomplete(inventory, io);
      const text = await render(inventory, options.format);
      if (options.output) await io.writeFile(options.output, text);
      else io.stdout.write(text);
      failIfIncomplete(completeness, options);
    });
  },
};

async function render(inventory: ImageInventory, format: SbomOptions["format"]): Promise<string> {
  if (format === "json") return `${JSON.stringify(toInventoryJson(inventory), null, 2)}\n`;
  // Loaded on demand: the CycloneDX library costs ~30 MiB and 0.3 s to load.
  const { toCycloneDxJson } = await import("../../sbom/cyclonedx.js");
  return toCycloneDxJson(inventory, { tool: { name: "regscan", version: CLI_VERSION }, now: new Date() });
}

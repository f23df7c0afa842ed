-- CreateTable
CREATE TABLE "projector_checkpoints" (
    "projection" TEXT NOT NULL,
    "log_position" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "projector_checkpoints_pkey" PRIMARY KEY ("projection")
);

-- CreateTable
CREATE TABLE "relay_checkpoints" (
    "relay" TEXT NOT NULL,
    "log_position" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "relay_checkpoints_pkey" PRIMARY KEY ("relay")
);
